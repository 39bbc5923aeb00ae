package org.historian.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import org.historian.service.TaskScheduler;

/**
 * Virtual time for the service: tasks run on the test's thread, in order of their time, as the
 * test advances the clock. Weeks pass in milliseconds and nothing sleeps.
 */
public final class ManualScheduler implements TaskScheduler {
    private final MutableClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;
    public long tasksRun;

    private final class Entry implements Comparable<Entry>, Cancellable {
        final Instant due;
        final long order = sequence++;
        final Runnable task;
        volatile boolean cancelled;

        Entry(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Instant at, Runnable task) {
        Entry entry = new Entry(at.isBefore(clock.instant()) ? clock.instant() : at, task);
        queue.add(entry);
        return entry;
    }

    @Override
    public void execute(Runnable task) {
        schedule(clock.instant(), task);
    }

    /** Runs every task due up to {@code target} in order, moving the clock to each task's time, then to the target. */
    public void advanceTo(Instant target) {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.cancelled) {
                continue;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            tasksRun++;
            next.task.run();
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    public void advance(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    /** Runs whatever is due now (and what that schedules for now). */
    public void runDue() {
        advanceTo(clock.instant());
    }

    /** Tasks waiting (cancelled ones included until their time comes). */
    public synchronized long pending() {
        return queue.stream().filter(entry -> !entry.cancelled).count();
    }
}
