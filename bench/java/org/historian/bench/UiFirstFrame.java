package org.historian.bench;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.historian.app.GuiFixture;
import org.historian.ui.MainView;

/**
 * One start of a window in a fresh JVM, timed from the JVM's start: {@code baseline} shows a
 * window with one label (what any JavaFX app pays), {@code historian DIR COUNT} opens the data
 * directory as the app does and shows the main window, then waits for its list to hold COUNT
 * communities. Prints {@code FIRST_FRAME_MS} and, for Historian, the phases {@code OPENED_MS} and
 * {@code WINDOW_BUILT_MS} and {@code LIST_FILLED_MS}. Run by
 * {@link UiBenchmark}.
 */
public final class UiFirstFrame {
    private UiFirstFrame() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        CompletableFuture<Long> firstFrame = new CompletableFuture<>();
        if (args[0].equals("baseline")) {
            Platform.startup(() -> {
                Stage stage = new Stage();
                Scene scene = new Scene(new StackPane(new Label("Hello")), 1280, 820);
                scene.addPostLayoutPulseListener(() -> firstFrame.complete(System.currentTimeMillis()));
                stage.setScene(scene);
                stage.show();
            });
            System.out.println("FIRST_FRAME_MS " + (firstFrame.get(60, TimeUnit.SECONDS) - jvmStart));
            Platform.exit();
            System.exit(0);
        }
        int expected = Integer.parseInt(args[2]);
        // As the app: the toolkit starts in the background while the data directory opens, then the window.
        CompletableFuture<Void> toolkit = GuiFixture.startToolkit();
        GuiFixture app = GuiFixture.open(Path.of(args[1]), historian -> { });
        System.out.println("OPENED_MS " + (System.currentTimeMillis() - jvmStart));
        toolkit.join();
        CompletableFuture<MainView> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            MainView view = app.show(new Stage());
            view.root().getScene().addPostLayoutPulseListener(() -> firstFrame.complete(System.currentTimeMillis()));
            System.out.println("WINDOW_BUILT_MS " + (System.currentTimeMillis() - jvmStart));
            shown.complete(view);
        });
        MainView view = shown.get(60, TimeUnit.SECONDS);
        System.out.println("FIRST_FRAME_MS " + (firstFrame.get(60, TimeUnit.SECONDS) - jvmStart));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> GuiFixture.fx(() -> view.communities().allRows().size()) >= expected);
        System.out.println("LIST_FILLED_MS " + (System.currentTimeMillis() - jvmStart));
        app.close();
        Platform.exit();
        System.exit(0);
    }
}
