package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.store.LedgerEntry;
import org.historian.testing.MemoryTempDir;
import org.historian.testing.RecordingTorrentEngine;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many communities on one small scheduler, over weeks of virtual time. */
class ServiceScaleTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final long WEEK = 7 * 86_400L;

    @TempDir(factory = MemoryTempDir.class)
    Path temp;

    private static List<Community> communities(int count) {
        List<Community> communities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ContentTopic topic = ContentTopic.of(new byte[]{(byte) (i >> 24), (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            communities.add(new Community(TestData.communityId(1000 + i), "Community " + i, List.of(topic), false, true, null));
        }
        return communities;
    }

    @Test
    void aThousandCommunitiesOverTenWeeksGetExactlyTenContiguousArchivesEach() {
        List<Community> communities = communities(1000);
        RecordingTorrentEngine engine = new RecordingTorrentEngine();
        try (ServiceFixture fixture = new ServiceFixture(temp, T0, engine)) {
            communities.forEach(fixture.store.communities::add);
            fixture.service.start();
            fixture.scheduler.runDue();
            long t0 = T0.getEpochSecond();
            for (int week = 0; week < 10; week++) {
                // This week's traffic: one message per community, an hour into the week.
                List<StoredMessage> messages = new ArrayList<>();
                for (Community community : communities) {
                    messages.add(TestData.message(t0 + week * WEEK + 3600, community.topics().get(0),
                            community.id().bytes()));
                }
                fixture.store.messages.insert(messages);
                fixture.scheduler.advanceTo(T0.plus(Duration.ofDays(7L * (week + 1))));
            }

            for (Community community : communities) {
                List<LedgerEntry> archives = fixture.store.ledger.list(community.id());
                assertThat(archives).as(community.name()).hasSize(10);
                assertThat(archives.get(0).from()).isEqualTo(t0 + 3600);
                for (int i = 1; i < archives.size(); i++) {
                    assertThat(archives.get(i).from()).as("no gap, no overlap").isEqualTo(archives.get(i - 1).to());
                }
                assertThat(archives.get(9).to()).isEqualTo(t0 + 10 * WEEK);
                assertThat(archives).allSatisfy(a -> assertThat(a.messageCount()).isEqualTo(1));
            }
            assertThat(engine.allStats()).hasSize(1000);
        }
    }

    @Test
    void tenThousandCommunitiesScheduleWithoutTrouble() {
        List<Community> communities = communities(10_000);
        RecordingTorrentEngine engine = new RecordingTorrentEngine();
        try (ServiceFixture fixture = new ServiceFixture(temp, T0, engine)) {
            fixture.store.database.inTransaction(c -> {
                communities.forEach(fixture.store.communities::add);
                return null;
            });
            long started = System.nanoTime();
            fixture.service.start();
            fixture.scheduler.runDue();
            ServiceSnapshot snapshot = fixture.service.snapshot();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(snapshot.communities()).hasSize(10_000)
                    .allSatisfy(status -> assertThat(status.nextRun()).isEqualTo(T0.plus(Duration.ofDays(7))));
            // One periodic timer and one republish timer each is all that waits.
            assertThat(fixture.scheduler.pending()).isEqualTo(10_001);
            assertThat(seconds).as("start-up of 10,000 communities, in seconds").isLessThan(60);
            CommunityId any = communities.get(4_321).id();
            fixture.service.setArchiving(any, false);
            fixture.scheduler.runDue();
            assertThat(fixture.scheduler.pending()).isEqualTo(10_000);
        }
    }
}
