package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.historian.archive.ArchiveReader;
import org.historian.archive.DiskFileSystem;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.StoredMessage;
import org.historian.store.ArchiveRunJournal;
import org.historian.store.LedgerEntry;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.historian.waku.StoreNodeClient;
import org.junit.jupiter.api.Test;

/** The service after a crash, with a store node that is down, with communities added later, without a torrent client. */
class ArchiveServiceRecoveryTest extends ArchiveServiceTestBase {
    @Test
    void aStoreNodeThatIsDownIsWaitedForWithBackOff() throws Exception {
        start();
        try (FakeNwakuNode node = new FakeNwakuNode()) {
            node.health(Answer.status(503, "Node is not ready"));
            fixture.source = new StoreNodeClient(node.url(), new StoreNodeClient.Options(Duration.ofSeconds(2), Duration.ofSeconds(2),
                    100, 1, Duration.ofMillis(1), Duration.ofMillis(1), 1000, 1 << 20));
            startService();
            assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.WAITING_FOR_SOURCE);
            assertThat(status().message()).contains("is not ready: 503");
            assertThat(eventTypes()).contains(EventType.WAITING_FOR_SOURCE);
            fixture.scheduler.advance(Duration.ofSeconds(5));
            fixture.scheduler.advance(Duration.ofSeconds(10));
            // Checked at once, after 5 s and after 10 more: back-off, not busy waiting.
            assertThat(node.requests).extracting(java.net.URI::getPath).containsExactly("/health", "/health", "/health");

            node.health(Answer.json("{\"nodeHealth\":\"Ready\"}"));
            StoredMessage missed = TestData.message(NOW - 3 * DAY, new byte[]{9});
            node.then(Answer.json(FakeNwakuNode.page(List.of(missed), "/waku/1/", null)));
            fixture.scheduler.advance(Duration.ofSeconds(20));
            assertThat(node.requests).extracting(java.net.URI::getPath).containsOnlyOnce("/store/v3/messages");
            assertThat(fixture.store.messages.count(community.topics(), 0, Long.MAX_VALUE)).isEqualTo(1);
            assertThat(eventTypes()).contains(EventType.MESSAGES_SYNCED);
            // The missed message set lastEnd (Case 2): its run is due a week after it.
            assertThat(status().nextRun()).isEqualTo(Instant.ofEpochSecond(NOW - 3 * DAY + WEEK));
        }
    }

    @Test
    void everyScheduledRunFirstFetchesWhatReachedTheStoreNodeSinceTheLastSync() throws Exception {
        start();
        try (FakeNwakuNode node = new FakeNwakuNode()) {
            node.health(Answer.json("{\"nodeHealth\":\"Ready\"}"));
            fixture.source = new StoreNodeClient(node.url(), new StoreNodeClient.Options(Duration.ofSeconds(2), Duration.ofSeconds(2),
                    100, 1, Duration.ofMillis(1), Duration.ofMillis(1), 1000, 1 << 20));
            messagesAt(NOW - 2 * DAY);
            fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * DAY);
            node.then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
            startService();
            assertThat(archives()).isEmpty();

            // During the week the node receives a message; the Case 2 run fetches it before archiving.
            StoredMessage later = TestData.message(NOW + 2 * DAY, new byte[]{7});
            node.then(Answer.json(FakeNwakuNode.page(List.of(later), "/waku/1/", null)));
            fixture.scheduler.advance(Duration.ofDays(4));
            assertThat(archives()).singleElement().satisfies(a -> {
                assertThat(a.from()).isEqualTo(NOW - 3 * DAY);
                assertThat(a.messageCount()).isEqualTo(2);
            });
            assertThat(node.requests).extracting(java.net.URI::getPath).filteredOn("/store/v3/messages"::equals).hasSize(2);
        }
    }

    @Test
    void aCancelledRunWritesNothingAndTheNextTickArchivesItsRange() throws Exception {
        start();
        startService();
        messagesAt(NOW + DAY, NOW + 2 * DAY);
        java.util.concurrent.atomic.AtomicBoolean cancelOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        fixture.store.events.addListener(event -> {
            if (event.type() == EventType.CREATING_ARCHIVES && cancelOnce.getAndSet(false)) {
                fixture.service.cancelRun(community.id());
            }
        });
        fixture.scheduler.advance(Duration.ofDays(7));
        assertThat(archives()).isEmpty();
        assertThat(lastEnd()).isNull();
        assertThat(status().message()).contains("cancelled");
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(14)));

        fixture.scheduler.advance(Duration.ofDays(7));
        assertThat(archives()).singleElement().satisfies(a -> {
            assertThat(a.from()).isEqualTo(NOW + DAY);
            assertThat(a.messageCount()).isEqualTo(2);
        });
        assertThat(lastEnd()).isEqualTo(NOW + 2 * WEEK);
        assertThat(status().message()).isEmpty();
    }

    @Test
    void aRestartAfterACrashMidRunRedoesTheRun() throws Exception {
        start();
        long lastEnd = NOW - 3 * WEEK;
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        messagesAt(lastEnd + DAY);
        fixture.store.runner.run(community, lastEnd, lastEnd + WEEK, WEEK, org.historian.archive.RunListener.NONE);
        messagesAt(lastEnd + 8 * DAY, lastEnd + 15 * DAY);
        Path data = fixture.store.runner.folder(community.id()).data();
        long length = Files.size(data);
        // What a crash in the middle of the next run leaves: a journal entry and appended bytes.
        new ArchiveRunJournal(fixture.store.database).begin(community.id(), lastEnd + WEEK, NOW, length, 0);
        Files.write(data, new byte[150_000], StandardOpenOption.APPEND);
        fixture.close();

        fixture = new ServiceFixture(temp, T0, engine);
        assertThat(fixture.store.runner.recoverInterruptedRuns()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(ArchiveRunner.Recovery.Outcome.ROLLED_BACK));
        startService();
        assertThat(archives()).extracting(LedgerEntry::from).containsExactly(lastEnd, lastEnd + WEEK, lastEnd + 2 * WEEK);
        assertThat(new ArchiveReader(new DiskFileSystem()).verify(fixture.store.runner.folder(community.id())).ok()).isTrue();
    }

    @Test
    void communitiesAddedLaterStartWithoutARestartAndNewTopicsApplyToTheNextRun() {
        start();
        startService();
        Community later = TestData.community(301, TestData.OTHER_TOPIC);
        fixture.store.messages.insert(List.of(TestData.message(NOW - 10 * DAY, TestData.OTHER_TOPIC, new byte[]{1})));
        fixture.service.addCommunity(later);
        fixture.scheduler.runDue();
        assertThat(fixture.store.ledger.list(later.id())).singleElement()
                .satisfies(a -> assertThat(a.from()).isEqualTo(NOW - 10 * DAY));
        assertThat(fixture.store.archiveInfo.get(later.id()).lastArchiveEndDate()).isEqualTo(NOW);

        fixture.service.updateExtraTopics(community.id(), List.of(TOPIC, TestData.OTHER_TOPIC), java.util.Map.of());
        fixture.store.messages.insert(List.of(TestData.message(NOW + DAY, TestData.OTHER_TOPIC, new byte[]{2})));
        fixture.scheduler.advance(Duration.ofDays(14));
        assertThat(archives()).isNotEmpty();
        assertThat(archives().stream().mapToLong(LedgerEntry::messageCount).sum()).isEqualTo(2);
    }

    @Test
    void archivingGoesOnWhenTheTorrentClientCannotStart() {
        engine.failToStart = true;
        start();
        messagesAt(NOW - DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 10 * DAY);
        startService();
        assertThat(fixture.service.snapshot().protocol()).isEqualTo(ServiceSnapshot.Protocol.ERROR);
        assertThat(fixture.service.snapshot().protocolMessage()).contains("could not start");
        assertThat(archives()).singleElement().satisfies(a -> assertThat(a.to()).isEqualTo(NOW));
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }
}
