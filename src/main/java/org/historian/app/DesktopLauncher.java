package org.historian.app;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.historian.service.ArchiveService;
import org.historian.service.DemoService;
import org.historian.service.ExecutorTaskScheduler;
import org.historian.ui.BackgroundWork;
import org.historian.ui.HistorianWindow;
import org.historian.ui.ServiceBridge;
import org.historian.ui.Theme;
import org.historian.ui.UiContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the archive service and the window. The window shows first; the service (whose
 * torrent client binds ports and may start the DHT) starts right after, in the background, so
 * the first frame never waits for the network. Returns when the window is closed, after the
 * service unseeded everything.
 */
final class DesktopLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopLauncher.class);
    private static final int SCHEDULER_THREADS = 3;
    private static final int BACKGROUND_THREADS = 3;

    private DesktopLauncher() {
    }

    /** The running desktop app: its service and window parts, for the launcher and for tests. */
    static final class Session implements AutoCloseable {
        final ExecutorTaskScheduler scheduler;
        final ArchiveService service;
        final DemoService demo;
        final ServiceBridge bridge;
        final BackgroundWork work;
        final UiContext context;

        Session(Historian historian) {
            scheduler = new ExecutorTaskScheduler(SCHEDULER_THREADS, historian.clock());
            service = historian.archiveService(scheduler);
            demo = historian.demoService(service);
            bridge = new ServiceBridge(service, historian.events());
            work = new BackgroundWork(BACKGROUND_THREADS);
            Map<String, String> remembered = historian.viewPreferences().load();
            context = new UiContext(service, historian.overview(), demo, historian.importer(), historian.exporter(),
                    historian::fetcher, historian.settings(), historian.viewPreferences(), remembered, historian.events(),
                    historian.clock(), ZoneId.systemDefault(), historian.dataDirectory().root(), DataDirectoryPointer.standard(),
                    historian.keys(), historian.publicationVerifier());
        }

        /**
         * Starts the service, the demo traffic and the bridge; off the FX thread. The window first
         * gets the communities and shows them; only when its thread is idle again do the
         * communities' start-ups begin: with 1,000 of them taking both cores, the window's first
         * list and detail had waited up to 1.9 s for the processor.
         */
        void startService() {
            service.load();
            bridge.start();
            UiIdle.await(bridge, Duration.ofSeconds(10));
            service.start();
            demo.startArrivals(scheduler);
        }

        @Override
        public void close() {
            bridge.close();
            demo.stopArrivals();
            work.close();
            service.close();
            scheduler.close();
        }
    }

    /**
     * Starts the JavaFX toolkit on a thread of its own and loads the default theme's stylesheet,
     * so that this runs on the second core while the caller opens the data directory; the first
     * frame then waits for the slower of the two, not for their sum.
     */
    static CompletableFuture<Void> startToolkit() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                Platform.startup(() -> {
                    new Theme().apply(Theme.Mode.LIGHT);
                    started.complete(null);
                });
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "toolkit-start");
        starter.setDaemon(true);
        starter.start();
        return started;
    }

    /** Shows an error in a dialog and waits until it is closed; nothing happens when there is no display. */
    static void showError(CompletableFuture<Void> toolkit, String title, String message) {
        try {
            toolkit.join();
        } catch (CompletionException e) {
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            alert.setTitle("Historian");
            alert.setHeaderText(title);
            alert.setOnHidden(event -> closed.countDown());
            alert.show();
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Platform.exit();
        }
    }

    static int launchAndWait(Historian historian, CompletableFuture<Void> toolkit) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        try (Session session = new Session(historian)) {
            try {
                toolkit.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("cannot open a window (" + e.getCause().getMessage()
                        + "); the commands work without one: historian --help; or run the service alone: historian --headless",
                        e.getCause());
            }
            Platform.runLater(() -> {
                Stage stage = new Stage();
                stage.setOnHidden(event -> closed.countDown());
                new HistorianWindow(session.context, session.bridge, session.work).show(stage);
                Thread starter = new Thread(() -> {
                    try {
                        session.startService();
                    } catch (RuntimeException e) {
                        LOG.error("the archive service could not start", e);
                    }
                }, "service-start");
                starter.setDaemon(true);
                starter.start();
            });
            closed.await();
        } finally {
            Platform.exit();
        }
        return 0;
    }
}
