package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import javafx.stage.Stage;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
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
    void aCommunityWithInvalidFieldsIsRefusedFieldByFieldThenAddedFromItsShareLinkAlone(FxRobot robot) {
        robot.clickOn("#emptyAddCommunity");
        robot.clickOn("#idField").write("0x1234");
        robot.clickOn("#topicsArea").write("0xzz");
        robot.clickOn("#addCommunityConfirm");
        // The dialog stays open and every field says what is wrong with it; the name may stay empty.
        assertThat(text(robot, "#idError")).contains("66 hex digits");
        assertThat(text(robot, "#nameError")).isEmpty();
        assertThat(text(robot, "#topicsError")).contains("entry 1 (0xzz)");
        assertThat(robot.lookup("#idField").tryQuery()).isPresent();

        // The share link the Status app gives (spec §1 test vector), and one extra 2024-era channel topic.
        String id = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        fx(() -> {
            robot.lookup("#idField").queryTextInputControl().setText("");
            robot.lookup("#topicsArea").queryTextInputControl().setText("");
            return null;
        });
        robot.clickOn("#idField").write("https://status.app/c#zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9");
        assertThat(text(robot, "#idError")).isEmpty();
        assertThat(text(robot, "#idResolved")).contains("Community " + id).contains(id + "-memberUpdate").contains("0x8ddd3f34");
        assertThat(fx(() -> robot.lookup("#nameField").queryTextInputControl().getPromptText())).contains("Community 0x0279be");
        robot.clickOn("#topicsArea").write(TestData.TOPIC.hex());
        assertThat(text(robot, "#topicsError")).isEmpty();
        robot.clickOn("#addCommunityConfirm");

        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> app.view().communities().allRows().size()) == 1);
        assertThat(app.historian.stores().communities().find(new CommunityId(id))).get().satisfies(added -> {
            assertThat(added.topics()).containsExactly(ContentTopic.parse("0x8ddd3f34"), TestData.TOPIC);
            assertThat(added.name()).isEqualTo("Community 0x0279be\u20261798");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> "Community 0x0279be\u20261798".equals(text(robot, "#nameLabel")));
        assertThat(text(robot, "#topicsLabel")).contains("0x8ddd3f34  universal chat " + id + "-memberUpdate")
                .contains(TestData.TOPIC.hex() + "  2024-era channel topic");
    }
}
