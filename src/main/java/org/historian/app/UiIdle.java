package org.historian.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.historian.ui.ServiceBridge;

/**
 * Waits, off the FX thread, until the window holds the service's first snapshot and its thread
 * is idle: three posted tasks in a row that ran within 20 ms. Bounded, so a busy or absent
 * window delays nothing for long.
 */
final class UiIdle {
    private static final long QUICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private UiIdle() {
    }

    static void await(ServiceBridge bridge, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        try {
            while (quiet < 3) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                long posted = System.nanoTime();
                CompletableFuture<Boolean> answered = new CompletableFuture<>();
                Platform.runLater(() -> answered.complete(bridge.snapshotProperty().get() != null));
                boolean shown = answered.get(remaining, TimeUnit.NANOSECONDS);
                quiet = shown && System.nanoTime() - posted < QUICK_NANOS ? quiet + 1 : 0;
                Thread.sleep(20);
            }
        } catch (TimeoutException | ExecutionException | IllegalStateException e) {
            // the window is slow or gone: start anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
