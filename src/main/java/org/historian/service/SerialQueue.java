package org.historian.service;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one community's tasks one after another on the shared scheduler: a tick, an "archive now"
 * and a disable never overlap, without a thread per community.
 */
final class SerialQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final TaskScheduler scheduler;
    private final java.util.function.Consumer<Throwable> failed;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    /** @param failed told of a task that threw; the queue goes on with the next task */
    SerialQueue(TaskScheduler scheduler, java.util.function.Consumer<Throwable> failed) {
        this.scheduler = scheduler;
        this.failed = failed;
    }

    void submit(Runnable task) {
        synchronized (tasks) {
            tasks.addLast(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        scheduler.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // An Error too: rethrown, it would leave the queue draining for good and the community stuck.
                LOG.error("a community task failed", e);
                try {
                    failed.accept(e);
                } catch (RuntimeException reportFailed) {
                    LOG.error("the failure could not be reported", reportFailed);
                }
            }
        }
    }
}
