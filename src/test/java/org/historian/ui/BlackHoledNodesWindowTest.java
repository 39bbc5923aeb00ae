package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.historian.app.Historian;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.service.Setting;
import org.historian.testing.BlackHoleNode;
import org.historian.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The window while the store node and the Waku node accept and never answer (a server on
 * 127.0.0.1): twenty communities that already have archives seed them and send their links
 * (which hang) and wait for the store node (which hangs). The window answers at once throughout,
 * and each community says what it waits for, then why its link did not go out.
 */
class BlackHoledNodesWindowTest extends WindowTest {
    private static final int COMMUNITIES = 20;
    private static BlackHoleNode blackHole;

    @Start
    void start(Stage stage) throws Exception {
        blackHole = new BlackHoleNode();
        open(stage);
    }

    @AfterAll
    static void stopNode() {
        if (blackHole != null) {
            blackHole.close();
        }
    }

    @Override
    void setUp(Historian historian) {
        long now = Instant.now().getEpochSecond();
        try {
            for (int i = 0; i < COMMUNITIES; i++) {
                ContentTopic topic = ContentTopic.of(new byte[]{9, 9, 0, (byte) i});
                Community community = new Community(TestData.communityId(8000 + i), String.format("Hung %02d", i), List.of(topic),
                        false, true, null);
                historian.stores().communities().add(community);
                List<StoredMessage> messages = new ArrayList<>();
                messages.add(TestData.message(now - 9 * TestData.DAY, topic, ("m" + i).getBytes()));
                historian.stores().messages().insert(messages);
                // A week archived already, so the start-up seeds it and sends its link (spec §5.2 step 1).
                historian.runner().run(community, now - 10 * TestData.DAY, now - 3 * TestData.DAY, 7 * TestData.DAY, RunListener.NONE);
                historian.keys().importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, TestData.communityKey(8000 + i),
                        "black hole passphrase".toCharArray());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        historian.settings().set(Setting.STORE_NODE_URL, blackHole.url().toString());
        historian.settings().set(Setting.WAKU_NODE_URL, blackHole.url().toString());
        historian.settings().set(Setting.WAKU_PUBLISH, "relay");
    }

    /** The longest wait of a task posted to the FX thread, over {@code samples} posts 50 ms apart. */
    private static long longestFxDelayMs(int samples) throws Exception {
        java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(samples);
        java.util.concurrent.ScheduledExecutorService poster = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            poster.scheduleAtFixedRate(() -> {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted), Math::max);
                    ran.countDown();
                });
            }, 0, 50, TimeUnit.MILLISECONDS);
            assertThat(ran.await(30, TimeUnit.SECONDS)).as("the FX thread ran the posted tasks").isTrue();
        } finally {
            poster.shutdownNow();
        }
        return longest.get();
    }

    /** Selects a community as a click in the list does (the list's order is the window's business). */
    private void select(int i) {
        await().atMost(Duration.ofSeconds(30)).until(() -> org.historian.app.GuiFixture.fx(() -> {
            var model = app.view().communities();
            var row = model.row(TestData.communityId(8000 + i));
            if (row != null) {
                model.selectedProperty().set(row);
            }
            return row != null;
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> String.format("Hung %02d", i).equals(text(robotFor(), "#nameLabel")));
    }

    private FxRobot robotFor() {
        return new FxRobot();
    }

    @Test
    void theWindowAnswersWhileBothNodesHangAndEachCommunitySaysWhy(FxRobot robot) throws Exception {
        select(7);
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#publicationStatus").startsWith("Link being sent"));
        assertThat(text(robot, "#publicationStatus")).contains("published via relay at " + blackHole.url())
                .contains("given up at");
        assertThat(text(robot, "#messageLabel")).contains("the store node at " + blackHole.url());

        // While every link and the store check hang: the window answers at once and another community opens.
        assertThat(longestFxDelayMs(40)).as("the FX thread waits on no node").isLessThan(250);
        select(13);
        assertThat(text(robot, "#publicationStatus")).startsWith("Link being sent");

        // The nodes' timeouts: each community says why, and what happens next.
        await().atMost(Duration.ofSeconds(60)).until(() -> text(robot, "#publicationStatus").startsWith("Not published"));
        assertThat(text(robot, "#publicationStatus")).contains("no answer within 20 s").contains("Next attempt");
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#messageLabel").contains("did not answer"));
        assertThat(text(robot, "#messageLabel")).contains("trying again at");
        assertThat(longestFxDelayMs(10)).isLessThan(250);
        assertThat(blackHole.connections.get()).as("asked a handful of times, not once per community and attempt")
                .isLessThanOrEqualTo(2 + 8);
    }
}
