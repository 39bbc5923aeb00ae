package org.historian.ui;

import static org.historian.app.GuiFixture.fx;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.historian.app.GuiFixture;
import org.historian.app.Historian;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** A UI test over the real app: a fresh data directory per test, the window on TestFX's stage, closed after. */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {
    @TempDir
    static Path temp;

    GuiFixture app;

    /** Prepares the data directory before the window opens (communities and the like). */
    void setUp(Historian historian) {
    }

    /** Opens the app on TestFX's stage; called from each test class's {@code @Start} (TestFX looks at no other). */
    void open(Stage stage) throws Exception {
        app = GuiFixture.open(temp.resolve("data-" + System.nanoTime()), this::setUp);
        app.show(stage);
    }

    @AfterEach
    void close() {
        app.close();
    }

    static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
