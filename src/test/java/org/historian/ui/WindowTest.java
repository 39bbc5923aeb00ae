package org.historian.ui;

import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
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

    /**
     * Clicks the community's row in the list, as a user would, once the row is shown. A list
     * also lays out a hidden measuring cell with the same text, which leaves the scene right
     * after: only a label whose every ancestor is visible is clicked, and the click is tried
     * again until the detail view shows the community.
     */
    static void clickCommunity(FxRobot robot, String name) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            Optional<Node> label = fx(() -> robot.lookup(".community-name").queryAll().stream()
                    .filter(node -> name.equals(((Label) node).getText()) && shown(node))
                    .findFirst());
            if (label.isEmpty()) {
                return false;
            }
            robot.clickOn(label.get());
            return name.equals(text(robot, "#nameLabel"));
        });
    }

    private static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
