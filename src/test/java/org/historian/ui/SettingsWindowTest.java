package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Settings are checked as typed and applied without a restart; a port in use is reported and a free one taken. */
class SettingsWindowTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void aPortInUseIsReportedAndAFreePortTakenInstead(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> "On".equals(text(robot, "#protocolState")));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            TextField portField = robot.lookup("#setting-torrent-port").queryAs(TextField.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(fx(portField::getText)));

            robot.doubleClickOn(portField).eraseText(4).write("70000");
            assertThat(text(robot, "#error-torrent-port")).isEqualTo("port must be between 0 and 65535, got 70000");
            fx(() -> {
                portField.setText("");
                return null;
            });
            robot.clickOn(portField).write(Integer.toString(port));
            assertThat(text(robot, "#error-torrent-port")).isEmpty();
            robot.clickOn("#applyButton");

            await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#resultLabel").contains("is in use"));
            assertThat(text(robot, "#resultLabel")).contains("port " + port + " is in use by another program");
            assertThat(app.historian.settings().torrentSettings().port()).isEqualTo(port);
            // The header says so too, and the client runs on another port.
            await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#protocolMessage").contains("is in use"));
            assertThat(app.service().snapshot().engine().port()).isNotEqualTo(port).isPositive();
        }
    }
}
