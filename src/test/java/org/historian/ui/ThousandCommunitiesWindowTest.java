package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.historian.app.Historian;
import org.historian.model.Community;
import org.historian.model.ContentTopic;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** A thousand communities: the list loads, stays virtualised and filters. */
class ThousandCommunitiesWindowTest extends WindowTest {
    static final int MANY = 1_000;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    void setUp(Historian historian) {
        for (int i = 0; i < MANY; i++) {
            historian.stores().communities().add(new Community(TestData.communityId(10_000 + i), String.format("Community %04d", i),
                    List.of(ContentTopic.of(new byte[]{1, 2, (byte) (i >> 8), (byte) i})), false, true, null));
        }
    }

    @Test
    void aThousandCommunitiesLoadAndFilter(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> app.view().communities().allRows().size()) == MANY);
        assertThat(text(robot, "#summaryLabel")).isEqualTo("1,000 communities");
        ListView<?> list = robot.lookup("#list").queryAs(ListView.class);
        // Virtualised: only the visible rows have cells.
        assertThat(fx(() -> robot.lookup(".community-cell").queryAll().size())).isLessThan(100);

        robot.clickOn("#searchField").write("Community 0421");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> list.getItems().size()) == 1);
        assertThat(text(robot, "#summaryLabel")).isEqualTo("1 of 1,000 communities");
        robot.eraseText("Community 0421".length()).write("community 04");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> list.getItems().size()) == 100);
        robot.eraseText("community 04".length()).write("no such community");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> list.getItems().size()) == 0);
    }
}
