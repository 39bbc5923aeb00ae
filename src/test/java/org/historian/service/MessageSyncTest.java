package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.historian.model.Community;
import org.historian.model.StoredMessage;
import org.historian.store.SyncStagingRepository;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.historian.waku.MessageSourceException;
import org.historian.waku.StoreNodeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSyncTest {
    private static final Instant NOW = Instant.ofEpochSecond(TestData.JAN_1_2020 + 40 * TestData.DAY);

    @TempDir
    Path temp;

    private FixtureStore store;
    private FakeNwakuNode node;
    private StoreNodeClient client;
    private MessageSync sync;
    private final Community community = TestData.community(61, TestData.TOPIC);

    @BeforeEach
    void start() throws Exception {
        store = new FixtureStore(temp);
        store.communities.add(community);
        node = new FakeNwakuNode();
        client = new StoreNodeClient(node.url(), new StoreNodeClient.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 2,
                Duration.ofMillis(5), Duration.ofMillis(5), 1_000, 1024 * 1024));
        sync = new MessageSync(store.messages, new SyncStagingRepository(store.database), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static StoredMessage message(long timestamp) {
        return TestData.message(timestamp, ("m" + timestamp).getBytes(StandardCharsets.UTF_8));
    }

    private long stored() {
        return store.messages.count(community.topics(), 0, Long.MAX_VALUE);
    }

    @Test
    void aSyncThatFailsHalfWayStoresNothing() {
        long t = NOW.getEpochSecond() - 1000;
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(t), message(t + 1)), "/waku/1/", "0x" + "11".repeat(32))))
                .then(Answer.json("{ broken"));
        assertThatThrownBy(() -> sync.catchUp(community, client)).isInstanceOf(MessageSourceException.class)
                .hasMessageContaining("not JSON");
        assertThat(stored()).isZero();
        assertThat(store.database.<Integer>withConnection(c -> {
            try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM store_sync_staging")) {
                rows.next();
                return rows.getInt(1);
            }
        })).isZero();
    }

    @Test
    void aCompleteSyncStoresEverythingOnceAndCatchUpStartsAtTheNewestMessage() throws Exception {
        long t = NOW.getEpochSecond() - 1000;
        store.messages.insert(List.of(message(t)));
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(t), message(t + 5)), "/waku/1/", "0x" + "22".repeat(32))))
                .then(Answer.json(FakeNwakuNode.page(List.of(message(t + 6)), "/waku/1/", null)));
        MessageSync.Outcome outcome = sync.catchUp(community, client);
        assertThat(outcome.fetched()).isEqualTo(3);
        assertThat(outcome.stored()).isEqualTo(2);
        assertThat(outcome.from()).isEqualTo(t);
        assertThat(outcome.to()).isEqualTo(NOW.getEpochSecond() + 1);
        assertThat(stored()).isEqualTo(3);
        String start = node.requests.get(0).getRawQuery().replaceAll(".*startTime=(\\d+).*", "$1");
        assertThat(Long.parseLong(URLDecoder.decode(start, StandardCharsets.UTF_8))).isEqualTo(t * 1_000_000_000L);
    }

    @Test
    void withNothingStoredTheLastThirtyDaysAreFetched() throws Exception {
        node.then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
        MessageSync.Outcome outcome = sync.catchUp(community, client);
        assertThat(outcome.from()).isEqualTo(NOW.getEpochSecond() - 30 * TestData.DAY);
    }

    @Test
    void theEmbeddedSourceHasNothingToFetch() throws Exception {
        MessageSync.Outcome outcome = sync.catchUp(community, new EmbeddedMessageSource(store.messages));
        assertThat(outcome.fetched()).isZero();
        assertThat(node.requests).isEmpty();
    }
}
