package org.historian.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls that wait on the network, kept off the threads that run archives: each runs on the
 * network executor, has a deadline kept by the service's scheduler (so it holds on virtual time
 * too), and its outcome is handed on exactly once: the result, the failure, or the deadline. At
 * the deadline a call under way is interrupted and one still queued never starts.
 */
final class NetworkCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkCalls.class);

    /** A blocking call; an interrupt means its deadline passed. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    /**
     * How a call ended: it returned {@code value}, threw {@code failure}, or its deadline passed
     * ({@code timedOut}), having {@code started} on a network thread or found every one busy.
     */
    record Outcome<T>(T value, Exception failure, Duration timedOut, boolean started) {
        static <T> Outcome<T> done(T value) {
            return new Outcome<>(value, null, null, true);
        }

        static <T> Outcome<T> failed(Exception failure) {
            return new Outcome<>(null, failure, null, true);
        }

        boolean returned() {
            return failure == null && timedOut == null;
        }

        /** Why the call did not return, for the operator, after {@code what} (e.g. "the store node at …"). */
        String why(String what) {
            if (timedOut != null) {
                return what + (started ? " did not answer within " + Format.duration(timedOut)
                        : " could not be asked within " + Format.duration(timedOut) + ": every network thread was busy");
            }
            String message = failure.getMessage();
            return message == null || message.isBlank() ? what + " failed: " + failure.getClass().getSimpleName() : message;
        }
    }

    private final Executor network;
    private final TaskScheduler scheduler;
    private final Clock clock;

    NetworkCalls(Executor network, TaskScheduler scheduler, Clock clock) {
        this.network = network;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Starts {@code call}; {@code then} receives its outcome once, on the network thread or the
     * scheduler's (hand it to a community's queue). The deadline counts from now.
     */
    <T> void run(Duration deadline, Call<T> call, Consumer<Outcome<T>> then) {
        Pending<T> pending = new Pending<>(then);
        pending.timer = scheduler.schedule(clock.instant().plus(deadline), () -> pending.expire(deadline));
        try {
            network.execute(() -> pending.run(call));
        } catch (RejectedExecutionException e) {
            pending.settle(Outcome.failed(new IllegalStateException("Historian is shutting down", e)));
        }
    }

    /** When a call's deadline passes, from now. */
    Instant deadline(Duration deadline) {
        return clock.instant().plus(deadline);
    }

    private static final class Pending<T> {
        private final Consumer<Outcome<T>> then;
        private volatile TaskScheduler.Cancellable timer;
        private boolean settled;
        private boolean started;
        private Thread runner;

        Pending(Consumer<Outcome<T>> then) {
            this.then = then;
        }

        void run(Call<T> call) {
            synchronized (this) {
                if (settled) {
                    return; // its deadline passed while it waited for a network thread
                }
                started = true;
                runner = Thread.currentThread();
            }
            Outcome<T> outcome;
            try {
                outcome = Outcome.done(call.call());
            } catch (Exception e) {
                outcome = Outcome.failed(e);
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted(); // an interrupt from the deadline is this call's, not the next one's
                }
            }
            settle(outcome);
        }

        void expire(Duration deadline) {
            boolean wasStarted;
            synchronized (this) {
                if (settled) {
                    return;
                }
                // Settled before the interrupt: what the interrupted call returns then is not its outcome.
                settled = true;
                wasStarted = started;
                if (runner != null) {
                    runner.interrupt();
                }
            }
            deliver(new Outcome<>(null, null, deadline, wasStarted));
        }

        void settle(Outcome<T> outcome) {
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
            }
            deliver(outcome);
        }

        private void deliver(Outcome<T> outcome) {
            TaskScheduler.Cancellable pendingTimer = timer;
            if (pendingTimer != null) {
                pendingTimer.cancel();
            }
            try {
                then.accept(outcome);
            } catch (RejectedExecutionException e) {
                LOG.debug("a network call ended while Historian shut down", e);
            }
        }
    }
}
