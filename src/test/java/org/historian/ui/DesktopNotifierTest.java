package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.GuiFixture.fx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A thousand communities archiving at once give a notification or two, not a popup per batch of events. */
@ExtendWith(ApplicationExtension.class)
class DesktopNotifierTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label("owner"), 800, 600));
        stage.show();
    }

    private static HistorianEvent created(int community) {
        return new HistorianEvent(Instant.now(), EventType.ARCHIVES_CREATED, TestData.communityId(community), 0L, 1L,
                "1 archives, 20 messages");
    }

    @Test
    void eventsArrivingInManyBatchesAreShownOncePerQuietPeriod() {
        DesktopNotifier notifier = fx(() -> new DesktopNotifier(() -> stage, id -> "Community " + id.shortForm()));
        for (int batch = 0; batch < 100; batch++) {
            int first = batch * 10 + 1;
            fx(() -> {
                for (int i = first; i < first + 10; i++) {
                    notifier.events(List.of(created(i)));
                }
                return null;
            });
        }
        // The first batch is shown at once; the other 999 communities together after the quiet period.
        assertThat(fx(() -> List.copyOf(notifier.shown()))).singleElement()
                .satisfies(shown -> assertThat(shown.text()).endsWith("1 new archive, now seeding."));
        await().atMost(Duration.ofSeconds(8)).until(() -> fx(() -> notifier.shown().size()) == 2);
        assertThat(fx(() -> notifier.shown().get(1).text())).isEqualTo("999 communities have new archives.");
        fx(() -> {
            notifier.events(List.of());
            return null;
        });
        assertThat(fx(() -> notifier.shown().size())).isEqualTo(2);
    }
}
