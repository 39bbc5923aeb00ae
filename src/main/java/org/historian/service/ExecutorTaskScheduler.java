package org.historian.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ScheduledExecutorService} of a few threads for every community. A long delay is
 * waited in steps of at most {@link #MAX_STEP}, each time asking the clock again, so a machine
 * that slept or had its clock changed still runs a task at the clock's time, not the timer's.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
    static final Duration MAX_STEP = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;

    public ExecutorTaskScheduler(int threads, Clock clock) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "archive-service-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.clock = clock;
    }

    @Override
    public Cancellable schedule(Instant at, Runnable task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> pending = new AtomicReference<>();
        Runnable step = new Runnable() {
            @Override
            public void run() {
                if (cancelled.get()) {
                    return;
                }
                Duration left = Duration.between(clock.instant(), at);
                if (left.isNegative() || left.isZero()) {
                    safely(task);
                } else {
                    Duration wait = left.compareTo(MAX_STEP) > 0 ? MAX_STEP : left;
                    pending.set(executor.schedule(this, wait.toMillis(), TimeUnit.MILLISECONDS));
                }
            }
        };
        pending.set(executor.schedule(step, 0, TimeUnit.MILLISECONDS));
        return () -> {
            cancelled.set(true);
            ScheduledFuture<?> future = pending.get();
            if (future != null) {
                future.cancel(false);
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> safely(task));
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("a service task failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
