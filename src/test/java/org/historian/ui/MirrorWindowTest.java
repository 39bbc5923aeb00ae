package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.historian.model.CommunityId;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** "Mirror a community…": the dialog, the mirror badge and the mirror's own state in the list and the detail. */
class MirrorWindowTest extends WindowTest {
    private static final String ID = "0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void aMirrorAddedFromItsShareLinkShowsItsBadgeAndWhatItWaitsFor(FxRobot robot) {
        robot.clickOn("#moreButton");
        robot.clickOn("Mirror a community…");
        // The mirror variant asks only for the community: no topics, no encryption, no description file.
        assertThat(fx(() -> robot.lookup("#topicsArea").query().isVisible())).isFalse();
        assertThat(robot.lookup("#addCommunityConfirm").tryQuery()).isEmpty();
        robot.clickOn("#idField").write("https://status.app/c#zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9");
        robot.clickOn("#nameField").write("Followed");
        robot.clickOn("#mirrorCommunityConfirm");

        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> app.view().communities().allRows().size()) == 1);
        assertThat(app.historian.mirrors().isMirror(new CommunityId(ID))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Followed".equals(text(robot, "#nameLabel")));
        assertThat(fx(() -> robot.lookup("#mirrorBadge").queryAs(Label.class).isVisible())).isTrue();
        // No node is set in a fresh data directory: the mirror says so, in the list and in the detail.
        await().atMost(Duration.ofSeconds(20)).until(() -> "no store node".equals(text(robot, "#stateBadge")));
        assertThat(text(robot, "#messageLabel")).contains("set the store node URL (store.nodeUrl)");
        assertThat(text(robot, "#nextRunLabel")).isEqualTo("Mirror: no link of the owner accepted yet");
        assertThat(fx(() -> robot.lookup("#archiveNowButton").queryAs(Button.class).getText())).isEqualTo("Check now");
        assertThat(fx(() -> robot.lookup(".community-cell .badge.mirror").queryAll().stream().anyMatch(node -> node.isVisible())))
                .isTrue();
        // A mirror publishes nothing: the publication card is not shown.
        assertThat(fx(() -> robot.lookup("#publicationHolder").tryQuery().map(node -> node.isVisible()).orElse(false))).isFalse();
    }
}
