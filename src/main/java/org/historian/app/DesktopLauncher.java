package org.historian.app;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.historian.ui.OverviewWindow;

/** Starts the JavaFX toolkit and shows the main window; returns when the window is closed. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static int launchAndWait(Historian historian) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> {
                Stage stage = new Stage();
                stage.setOnHidden(event -> {
                    closed.countDown();
                    Platform.exit();
                });
                new OverviewWindow(historian.overview()::summaries, historian.dataDirectory().root().toString()).show(stage);
            });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalStateException("cannot open a window (" + e.getMessage()
                    + "); the commands work without one: historian --help", e);
        }
        closed.await();
        return 0;
    }
}
