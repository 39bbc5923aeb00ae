package org.historian.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Where the window's work runs: store reads, service commands, file I/O, all off the FX thread.
 * Results come back on the FX thread. The count of running jobs feeds the busy indicator.
 */
public final class BackgroundWork implements AutoCloseable {
    private final ExecutorService executor;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    public BackgroundWork(int threads) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ui-background-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} in the background; {@code onResult} or {@code onError} then runs on the FX
     * thread. Work asked for once the window is closing (a last move of the window, say) is dropped:
     * the store it would write to is closing too.
     */
    public <T> void run(Callable<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        changeRunning(1);
        try {
            submit(work, onResult, onError);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            changeRunning(-1);
        }
    }

    private <T> void submit(Callable<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> {
                    changeRunning(-1);
                    onResult.accept(result);
                });
            } catch (Throwable e) {
                Platform.runLater(() -> {
                    changeRunning(-1);
                    onError.accept(e);
                });
            }
        });
    }

    /** Runs a command whose only result is success; failures go to {@code onError} on the FX thread. */
    public void run(ThrowingRunnable work, Runnable onDone, Consumer<Throwable> onError) {
        run(() -> {
            work.run();
            return Boolean.TRUE;
        }, ignored -> onDone.run(), onError);
    }

    /** How many jobs are running; read on the FX thread. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    private void changeRunning(int delta) {
        if (Platform.isFxApplicationThread()) {
            running.set(running.get() + delta);
        } else {
            Platform.runLater(() -> running.set(running.get() + delta));
        }
    }

    /** Lets running jobs (a preference being saved) finish, for a few seconds at most. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The message of the deepest cause that has one: what the operator should read. */
    public static String messageOf(Throwable error) {
        Throwable cause = error;
        String message = error.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null && (message == null || cause instanceof java.io.IOException)) {
                message = cause.getMessage();
            }
        }
        return message != null ? message : error.getClass().getSimpleName();
    }
}
