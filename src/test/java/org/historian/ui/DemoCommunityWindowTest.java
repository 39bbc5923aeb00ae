package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.historian.model.EventType;
import org.historian.model.Community;
import org.historian.model.StoredMessage;
import org.historian.service.CommunityStatus;
import org.historian.testing.TestData;
import org.historian.ui.activity.ActivityViewModel;
import org.historian.ui.activity.EventKinds;
import org.historian.ui.control.ArchiveTimeline;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The first-run path: try the demo community, watch it archive and seed, archive again with
 * "Archive now" after new messages arrived, copy the magnet link.
 */
class DemoCommunityWindowTest extends WindowTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    private CommunityStatus demoStatus() {
        return app.service().snapshot().communities().stream().filter(s -> s.community().demo()).findFirst().orElse(null);
    }

    private int tableSize(FxRobot robot) {
        return fx(() -> robot.lookup("#archiveTable").queryAs(TableView.class).getItems().size());
    }

    private int timelineArchives(FxRobot robot) {
        return fx(() -> robot.lookup("#archiveTimeline").queryAs(ArchiveTimeline.class).dataProperty().get().archives().size());
    }

    @Test
    void theDemoCommunityArchivesSeedsAndArchivesAgainOnRequest(FxRobot robot) {
        robot.clickOn("#tryDemo");
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> robot.lookup(".button").queryAllAs(javafx.scene.control.Button.class)
                .stream().anyMatch(b -> "Close".equals(b.getText()) && b.isVisible())));
        robot.clickOn("Close");

        // Added, archived at once (Case 3: 26 weeks of history) and seeding.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            CommunityStatus status = demoStatus();
            return status != null && status.activity() == CommunityStatus.Activity.SEEDING && status.archiveCount() >= 26;
        });
        int before = demoStatus().archiveCount();
        await().atMost(Duration.ofSeconds(20)).until(() -> tableSize(robot) == before && timelineArchives(robot) == before);
        assertThat(fx(() -> robot.lookup("#nameLabel").queryAs(Label.class).getText())).startsWith("Demo · ");
        // Seeding starts with the torrent client checking the files.
        await().atMost(Duration.ofSeconds(30)).until(() -> "seeding".equals(fx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText())));

        // Messages arrive after the run; "Archive now" archives them.
        Community demo = demoStatus().community();
        long lastEnd = app.historian.stores().archiveInfo().get(demo.id()).lastArchiveEndDate();
        List<StoredMessage> arrived = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arrived.add(TestData.message(lastEnd, demo.topics().get(0), ("arrived after the run " + i).getBytes()));
        }
        app.historian.stores().messages().insert(arrived);
        await().atMost(Duration.ofSeconds(5)).until(() -> app.historian.clock().instant().getEpochSecond() > lastEnd);
        robot.clickOn("#archiveNowButton");

        await().atMost(Duration.ofSeconds(30)).until(() -> tableSize(robot) == before + 1 && timelineArchives(robot) == before + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "seeding".equals(fx(() -> robot.lookup("#stateBadge").queryAs(Label.class).getText())));
        assertThat(app.historian.stores().ledger().list(demo.id())).hasSize(before + 1);

        // The magnet link shown is the one published for the new torrent; it copies to the clipboard.
        String published = app.historian.stores().archiveInfo().get(demo.id()).lastMagnetUri();
        await().atMost(Duration.ofSeconds(10)).until(() -> published.equals(fx(() -> robot.lookup("#magnetField").queryAs(TextField.class).getText())));
        // Notifications of the run pop up at the bottom right and may cover the button until they fade, as a user sees.
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> javafx.stage.Window.getWindows().stream()
                .noneMatch(window -> window instanceof javafx.stage.Popup && window.isShowing())));
        robot.clickOn("#copyMagnetButton");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(published).startsWith("magnet:?xt=urn:btih:");

        // The activity page names the community in every event, also those logged before the list knew it.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#communityBox").queryAs(ComboBox.class).isVisible()));
        assertThat(fx(() -> robot.lookup("#communityBox").queryAs(ComboBox.class).getValue())).isEqualTo(ActivityViewModel.ALL_COMMUNITIES);
        List<String> names = fx(() -> app.view().activity().visibleRows().stream()
                .filter(row -> demo.id().equals(row.event().community())).map(ActivityViewModel.EventRow::community).toList());
        assertThat(names).isNotEmpty().allMatch(demo.name()::equals);

        // Publishing is off: the link was recorded, and the page says so, never "published".
        List<ActivityViewModel.EventRow> links = fx(() -> app.view().activity().visibleRows().stream()
                .filter(row -> demo.id().equals(row.event().community()))
                .filter(row -> row.event().type() == EventType.MAGNET_RECORDED || row.event().type() == EventType.MAGNET_PUBLISHED)
                .toList());
        assertThat(links).isNotEmpty().allSatisfy(row -> {
            assertThat(row.event().type()).isEqualTo(EventType.MAGNET_RECORDED);
            assertThat(EventKinds.title(row.event().type())).isEqualTo("Magnet link recorded, not published");
            assertThat(row.text()).containsIgnoringCase("Magnet link recorded, not published")
                    .doesNotContainIgnoringCase("Magnet link published");
        });
    }
}
