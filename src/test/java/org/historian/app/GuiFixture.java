package org.historian.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.historian.ui.HistorianWindow;
import org.historian.ui.MainView;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real desktop app for UI tests: a data directory, the service with the real Bt engine on
 * 127.0.0.1 (a free port, no DHT, no trackers), the bridge, and the main window on a TestFX
 * stage. Only the data directory differs from what a user runs.
 */
public final class GuiFixture implements AutoCloseable {
    public final Historian historian;
    final DesktopLauncher.Session session;
    private HistorianWindow window;
    private MainView view;

    private GuiFixture(Historian historian) {
        this.historian = historian;
        this.session = new DesktopLauncher.Session(historian);
    }

    /** Starts the toolkit in the background as the app does before it opens its data directory. */
    public static java.util.concurrent.CompletableFuture<Void> startToolkit() {
        return DesktopLauncher.startToolkit();
    }

    /** Opens a data directory with loopback-only torrent settings; {@code setup} may add communities and the like. */
    public static GuiFixture open(Path dataDirectory, Consumer<Historian> setup) throws Exception {
        Historian historian = Historian.open(new DataDirectory(dataDirectory), Clock.systemUTC());
        historian.settings().keepTorrentsOnLoopback();
        setup.accept(historian);
        return new GuiFixture(historian);
    }

    /** Shows the window on {@code stage} (call on the FX thread), then starts the service in the background, as the app does. */
    public MainView show(Stage stage) {
        window = new HistorianWindow(session.context, session.bridge, session.work);
        view = window.show(stage);
        Thread starter = new Thread(session::startService, "service-start");
        starter.setDaemon(true);
        starter.start();
        return view;
    }

    public MainView view() {
        return view;
    }

    public HistorianWindow window() {
        return window;
    }

    public org.historian.service.ArchiveService service() {
        return session.service;
    }

    /** Runs {@code read} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading on the FX thread failed", e);
        }
    }

    /** Closes the window as the user would (it remembers its state), then stops the service. */
    @Override
    public void close() {
        if (view != null) {
            fx(() -> {
                view.root().getScene().getWindow().hide();
                return null;
            });
        }
        session.close();
        historian.close();
    }
}
