package org.historian.service;

import java.time.Instant;

/**
 * Runs the service's work: at a time, or as soon as possible. The production scheduler is one
 * small thread pool for every community; tests drive a virtual clock instead, so days and weeks
 * pass in milliseconds.
 */
public interface TaskScheduler {
    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} at {@code at} (at once if that has passed). */
    Cancellable schedule(Instant at, Runnable task);

    /** Runs {@code task} as soon as a worker is free. */
    void execute(Runnable task);
}
