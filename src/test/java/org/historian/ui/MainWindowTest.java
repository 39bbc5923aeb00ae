package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import javafx.stage.Stage;
import org.historian.model.Community;
import org.historian.service.ServiceSnapshot;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The main window with the real service: protocol switch and adding communities. */
class MainWindowTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void theProtocolSwitchTurnsTheProtocolOffAndOnAndShowsItsState(FxRobot robot) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "On".equals(text(robot, "#protocolState")));
        assertThat(text(robot, "#portLabel")).startsWith("Port ").endsWith("on 127.0.0.1");

        robot.clickOn("#protocolSwitch");
        await().atMost(Duration.ofSeconds(20)).until(() -> "Off".equals(text(robot, "#protocolState")));
        assertThat(app.service().snapshot().protocol()).isEqualTo(ServiceSnapshot.Protocol.OFF);
        assertThat(app.historian.settings().protocolEnabled()).isFalse();
        assertThat(text(robot, "#portLabel")).isEqualTo("Torrent client stopped");

        robot.clickOn("#protocolSwitch");
        await().atMost(Duration.ofSeconds(20)).until(() -> "On".equals(text(robot, "#protocolState")));
        assertThat(app.service().snapshot().protocol()).isEqualTo(ServiceSnapshot.Protocol.ON);
        assertThat(app.historian.settings().protocolEnabled()).isTrue();
    }

    @Test
    void aCommunityWithInvalidFieldsIsRefusedFieldByFieldThenAddedWhenValid(FxRobot robot) {
        robot.clickOn("#emptyAddCommunity");
        robot.clickOn("#idField").write("0x1234");
        robot.clickOn("#topicsArea").write("0xzz");
        robot.clickOn("#addCommunityConfirm");
        // The dialog stays open and every field says what is wrong with it.
        assertThat(text(robot, "#idError")).contains("66 hex digits");
        assertThat(text(robot, "#nameError")).isEqualTo("name is empty");
        assertThat(text(robot, "#topicsError")).contains("topic 1 (0xzz)");
        assertThat(robot.lookup("#idField").tryQuery()).isPresent();

        Community community = TestData.community(900, TestData.TOPIC);
        fx(() -> {
            robot.lookup("#idField").queryTextInputControl().setText("");
            robot.lookup("#topicsArea").queryTextInputControl().setText("");
            return null;
        });
        robot.clickOn("#idField").write(community.id().hex());
        robot.clickOn("#nameField").write("Tested Community");
        robot.clickOn("#topicsArea").write(TestData.TOPIC.hex() + ", " + TestData.OTHER_TOPIC.hex());
        assertThat(text(robot, "#idError")).isEmpty();
        assertThat(text(robot, "#topicsError")).isEmpty();
        robot.clickOn("#addCommunityConfirm");

        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> app.view().communities().allRows().size()) == 1);
        assertThat(app.historian.communities().find(community.id())).get()
                .satisfies(added -> assertThat(added.topics()).containsExactly(TestData.TOPIC, TestData.OTHER_TOPIC));
        await().atMost(Duration.ofSeconds(10)).until(() -> "Tested Community".equals(text(robot, "#nameLabel")));
    }
}
