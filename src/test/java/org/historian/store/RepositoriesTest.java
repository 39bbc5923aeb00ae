package org.historian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.OTHER_TOPIC;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.message;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.Community;
import org.historian.model.ContentTopic;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {
    @TempDir
    Path temp;

    private Database database;
    private CommunityRepository communities;
    private MessageRepository messages;

    @BeforeEach
    void open() {
        database = Database.open(temp.resolve("h.db"));
        communities = new CommunityRepository(database, Clock.systemUTC());
        messages = new MessageRepository(database);
    }

    @Test
    void communitiesRoundTripWithTheirTopicsInOrder() {
        Community community = new Community(TestData.communityId(1), "Alpha", List.of(OTHER_TOPIC, TOPIC), true, false, "key-1");
        communities.add(community);
        assertThat(communities.find(community.id())).contains(community);
        assertThatThrownBy(() -> communities.add(community)).hasMessageContaining("already added");

        communities.updateExtraTopics(community.id(), List.of(TOPIC), java.util.Map.of());
        communities.setArchiveSupport(community.id(), true);
        assertThat(communities.find(community.id()).orElseThrow().topics()).containsExactly(community.id().universalTopic(), TOPIC);
        assertThat(communities.find(community.id()).orElseThrow().archiveSupport()).isTrue();

        communities.remove(community.id());
        assertThat(communities.list()).isEmpty();
        assertThatThrownBy(() -> communities.remove(community.id())).hasMessageContaining("no community");
    }

    @Test
    void theUniversalTopicIsNeverStoredAndChatIdsAreKept() throws Exception {
        CommunityId id = TestData.communityId(4);
        String chatId = id.hex() + "0b7c1d2e-aaaa-4bbb-8ccc-dddddddddddd";
        ContentTopic fromChat = ContentTopic.ofChatId(chatId);
        communities.add(new Community(id, null, List.of(fromChat, TOPIC), java.util.Map.of(fromChat, chatId), false, true, null,
                Community.DEFAULT_PUBSUB_TOPIC, false));
        Community read = communities.find(id).orElseThrow();
        assertThat(read.topics()).containsExactly(id.universalTopic(), fromChat, TOPIC);
        assertThat(read.topicChatIds()).containsExactly(java.util.Map.entry(fromChat, chatId));
        assertThat(read.name()).isEqualTo(Community.defaultName(id));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("h.db"));
             java.sql.ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM community_topics WHERE community_id = '"
                     + id.hex() + "'")) {
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void listIsSortedByName() {
        communities.add(TestData.community(2, TOPIC));
        communities.add(new Community(TestData.communityId(3), "alpha", List.of(TOPIC), false, true, null));
        assertThat(communities.list()).extracting(Community::name).containsExactly("alpha", "Community 2");
    }

    @Test
    void messagesAreDeduplicatedByHash() {
        StoredMessage one = message(JAN_1_2020, new byte[]{1});
        StoredMessage two = message(JAN_1_2020 + 1, new byte[]{2});
        assertThat(messages.insert(List.of(one, two))).isEqualTo(new MessageRepository.InsertResult(2, 0));
        assertThat(messages.insert(List.of(two, one, message(JAN_1_2020 + 2, new byte[]{3}))))
                .isEqualTo(new MessageRepository.InsertResult(1, 2));
        assertThat(messages.count(List.of(TOPIC), 0, Long.MAX_VALUE)).isEqualTo(3);
    }

    @Test
    void cursorsReturnTheRangeOfTheTopicsInTimestampOrder() throws Exception {
        messages.insert(List.of(
                message(JAN_1_2020 + 30, new byte[]{3}),
                message(JAN_1_2020 + 10, new byte[]{1}),
                message(JAN_1_2020 + 20, OTHER_TOPIC, new byte[]{2}),
                message(JAN_1_2020 + 40, TestData.TOPIC, new byte[]{4}),
                message(JAN_1_2020 + 15, org.historian.model.ContentTopic.parse("0x00000000"), new byte[]{9})));
        List<Byte> payloads = new ArrayList<>();
        try (Cursor<StoredMessage> cursor = messages.cursor(List.of(TOPIC, OTHER_TOPIC), JAN_1_2020 + 10, JAN_1_2020 + 40)) {
            StoredMessage m;
            while ((m = cursor.next()) != null) {
                payloads.add(m.payload()[0]);
            }
        }
        assertThat(payloads).containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(messages.oldestTimestamp(List.of(TOPIC))).hasValue(JAN_1_2020 + 10);
        assertThat(messages.newestTimestamp(List.of(TOPIC))).hasValue(JAN_1_2020 + 40);
        assertThat(messages.newestTimestamp(List.of(org.historian.model.ContentTopic.parse("0x12345678")))).isEmpty();
    }

    @Test
    void everyFieldOfAMessageSurvivesTheStore() throws Exception {
        StoredMessage full = TestData.fullMessage(JAN_1_2020, 3);
        messages.insert(List.of(full));
        try (Cursor<StoredMessage> cursor = messages.cursor(List.of(TOPIC), 0, Long.MAX_VALUE)) {
            assertThat(cursor.next()).isEqualTo(full);
            assertThat(cursor.next()).isNull();
        }
    }

    @Test
    void theMagnetClockSurvivesStoringTheEndDateAndViceVersa() {
        Community community = TestData.community(4, TOPIC);
        communities.add(community);
        ArchiveInfoRepository info = new ArchiveInfoRepository(database);
        assertThat(info.get(community.id())).isEqualTo(ArchiveInfo.NONE);
        info.setLastArchiveEndDate(community.id(), 100);
        info.setMagnetLink(community.id(), 5000, "magnet:?xt=urn:btih:aa");
        info.setLastArchiveEndDate(community.id(), 200);
        assertThat(info.get(community.id())).isEqualTo(new ArchiveInfo(200L, 5000, "magnet:?xt=urn:btih:aa"));
    }

    @Test
    void ledgerAndEventsAreKeptInOrder() {
        Community community = TestData.community(5, TOPIC);
        communities.add(community);
        ArchiveLedgerRepository ledger = new ArchiveLedgerRepository(database);
        LedgerEntry second = new LedgerEntry("0x02", 10, 20, 102400, 102400, 5, 3, 1);
        LedgerEntry first = new LedgerEntry("0x01", 0, 10, 0, 102400, 5, 2, 1);
        ledger.record(community.id(), List.of(second, first));
        ledger.record(community.id(), List.of(first)); // recording twice keeps one
        assertThat(ledger.list(community.id())).containsExactly(first, second);
        ledger.retainOnly(community.id(), List.of("0x02"));
        assertThat(ledger.list(community.id())).containsExactly(second);

        EventLogRepository events = new EventLogRepository(database);
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        events.append(HistorianEvent.of(at, EventType.PROTOCOL_ENABLED, null));
        events.append(HistorianEvent.ranged(at.plusSeconds(1), EventType.ARCHIVES_CREATED, community.id(), 1, 2).withDetail("d"));
        assertThat(events.recent(10, null)).extracting(HistorianEvent::type)
                .containsExactly(EventType.ARCHIVES_CREATED, EventType.PROTOCOL_ENABLED);
        assertThat(events.recent(10, community.id())).singleElement()
                .isEqualTo(new HistorianEvent(at.plusSeconds(1), EventType.ARCHIVES_CREATED, community.id(), 1L, 2L, "d"));
    }

    @Test
    void removingACommunityRemovesItsLedgerButKeepsItsEvents() {
        Community community = TestData.community(6, TOPIC);
        communities.add(community);
        new ArchiveLedgerRepository(database).record(community.id(), List.of(new LedgerEntry("0x01", 0, 1, 0, 102400, 1, 1, 1)));
        new EventLogRepository(database).append(HistorianEvent.of(Instant.now(), EventType.ARCHIVES_SEEDING, community.id()));
        communities.remove(community.id());
        assertThat(new ArchiveLedgerRepository(database).list(community.id())).isEmpty();
        assertThat(new EventLogRepository(database).recent(5, community.id())).hasSize(1);
    }
}
