package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.HOUR;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;
import static org.historian.testing.TestData.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.StoredMessage;
import org.historian.proto.WakuMessageArchive;
import org.historian.store.LedgerEntry;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of status-go's archive tests (archive_manager_torrent_test.go), against a real
 * SQLite store: same dates, same messages, same expectations.
 */
class StatusGoArchiveBehaviourTest {
    @TempDir
    Path temp;

    private FixtureStore store;
    private Community community;

    @BeforeEach
    void setUp() {
        store = new FixtureStore(temp);
        community = TestData.community(11, TOPIC);
        store.communities.add(community);
    }

    private RunOutcome run(long start, long end) throws Exception {
        return store.runner.run(community, start, end, WEEK, RunListener.NONE);
    }

    private ArchiveFolder folder() {
        return store.runner.folder(community.id());
    }

    private ArchiveIndex index() throws Exception {
        return ArchiveIndex.parse(Files.readAllBytes(folder().index()));
    }

    /** status-go reads each archive as data[offset : offset+size-padding] and unmarshals it. */
    private WakuMessageArchive archiveBytes(ArchiveIndexEntry entry) throws Exception {
        byte[] data = Files.readAllBytes(folder().data());
        return WakuMessageArchive.parseFrom(Arrays.copyOfRange(data, (int) entry.offset(), (int) (entry.offset() + entry.archiveLength())));
    }

    @Test
    void shouldCreateArchive() throws Exception {
        long end = JAN_1_2020 + 6 * DAY; // 2020-01-07
        store.messages.insert(List.of(
                message(JAN_1_2020 + HOUR, new byte[]{1}),
                message(JAN_1_2020 + 2 * HOUR, new byte[]{2}),
                message(end + 2 * HOUR, new byte[]{3}))); // outside the range
        run(JAN_1_2020, end);

        assertThat(index().entries()).hasSize(1);
        assertThat(archiveBytes(index().entries().get(0)).getMessagesList()).hasSize(2);
    }

    @Test
    void shouldCreateMultipleArchives() throws Exception {
        long end = JAN_1_2020 + 20 * DAY; // 2020-01-21: three partitions
        store.messages.insert(List.of(
                message(JAN_1_2020 + HOUR, new byte[]{1}),
                message(JAN_1_2020 + 2 * HOUR, new byte[]{2}),
                message(JAN_1_2020 + 8 * DAY, new byte[]{3}),
                message(JAN_1_2020 + 14 * DAY, new byte[]{4})));
        RunOutcome outcome = run(JAN_1_2020, end);

        List<ArchiveIndexEntry> entries = index().entries();
        assertThat(entries).hasSize(3);
        assertThat(entries).extracting(ArchiveIndexEntry::from).containsExactly(JAN_1_2020, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK);
        assertThat(entries).extracting(ArchiveIndexEntry::to).containsExactly(JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK, end);
        Map<Long, Integer> countsByFrom = entries.stream().collect(Collectors.toMap(ArchiveIndexEntry::from, e -> {
            try {
                return archiveBytes(e).getMessagesCount();
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }));
        assertThat(countsByFrom).containsExactlyInAnyOrderEntriesOf(Map.of(JAN_1_2020, 2, JAN_1_2020 + WEEK, 1, JAN_1_2020 + 2 * WEEK, 1));
        assertThat(store.ledger.list(community.id())).extracting(LedgerEntry::messageCount).containsExactly(2L, 1L, 1L);
        assertThat(outcome.messagesArchived()).isEqualTo(4);
        assertThat(store.archiveInfo.get(community.id()).lastArchiveEndDate()).isEqualTo(end);
        assertThat(store.emitted).extracting(HistorianEvent::type)
                .containsExactly(EventType.CREATING_ARCHIVES, EventType.ARCHIVES_CREATED);
        HistorianEvent created = store.emitted.get(1);
        assertThat(created.from()).isEqualTo(JAN_1_2020);
        assertThat(created.to()).isEqualTo(end);
    }

    @Test
    void shouldAppendArchives() throws Exception {
        store.messages.insert(List.of(message(JAN_1_2020 + HOUR, new byte[]{1})));
        run(JAN_1_2020, JAN_1_2020 + 6 * DAY);
        assertThat(index().entries()).hasSize(1);
        byte[] firstData = Files.readAllBytes(folder().data());
        ArchiveIndexEntry first = index().entries().get(0);

        long nextStart = JAN_1_2020 + 6 * DAY;
        store.messages.insert(List.of(message(nextStart + 2 * HOUR, new byte[]{2})));
        run(nextStart, JAN_1_2020 + 13 * DAY);

        List<ArchiveIndexEntry> entries = index().entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo(first);
        assertThat(entries.get(1).offset()).isEqualTo(first.offset() + first.size());
        byte[] data = Files.readAllBytes(folder().data());
        assertThat(Arrays.copyOf(data, firstData.length)).isEqualTo(firstData);
        assertThat(data.length).isEqualTo(entries.get(1).end());
        assertThat(archiveBytes(entries.get(1)).getMessages(0).getPayload().toByteArray()).containsExactly(2);
    }

    @Test
    void withoutMessagesNoFilesAreCreatedButTheEndDateIsStored() throws Exception {
        long end = JAN_1_2020 + 6 * DAY;
        RunOutcome outcome = run(JAN_1_2020, end);

        assertThat(outcome.createdAny()).isFalse();
        assertThat(Files.exists(folder().data())).isFalse();
        assertThat(Files.exists(folder().index())).isFalse();
        assertThat(store.emitted).extracting(HistorianEvent::type)
                .containsExactly(EventType.CREATING_ARCHIVES, EventType.NO_ARCHIVES_CREATED);
        assertThat(store.emitted.get(1).from()).isEqualTo(JAN_1_2020);
        assertThat(store.archiveInfo.get(community.id()).lastArchiveEndDate()).isEqualTo(end);
        assertThat(store.eventLog.recent(10, community.id())).extracting(HistorianEvent::type)
                .containsExactly(EventType.NO_ARCHIVES_CREATED, EventType.CREATING_ARCHIVES);
    }

    @Test
    void archiveBytesParseBackToTheStoredMessages() throws Exception {
        List<StoredMessage> messages = List.of(TestData.fullMessage(JAN_1_2020 + 10, 1), TestData.fullMessage(JAN_1_2020 + 20, 2),
                TestData.fullMessage(JAN_1_2020 + WEEK + 5, 3));
        store.messages.insert(messages);
        run(JAN_1_2020, JAN_1_2020 + 2 * WEEK);

        List<StoredMessage> readBack = new java.util.ArrayList<>();
        for (ArchiveIndexEntry entry : index().entries()) {
            for (var m : archiveBytes(entry).getMessagesList()) {
                readBack.add(new StoredMessage(m.getSig().toByteArray(), m.getTimestamp(), m.getTopic().toByteArray(),
                        m.getPayload().toByteArray(), m.getPadding().toByteArray(), m.getHash().toByteArray(), m.getThirdPartyId()));
            }
        }
        assertThat(readBack).containsExactlyElementsOf(messages);
    }

    @Test
    void lastEndFallsBackToTheOldestStoredMessage() throws Exception {
        assertThat(store.runner.lastEnd(community)).isEmpty();
        store.messages.insert(List.of(message(JAN_1_2020 + 500, new byte[]{1}), message(JAN_1_2020 + 100, new byte[]{2})));
        assertThat(store.runner.lastEnd(community)).contains(JAN_1_2020 + 100);
        run(JAN_1_2020, JAN_1_2020 + DAY);
        assertThat(store.runner.lastEnd(community)).contains(JAN_1_2020 + DAY);
    }

    @Test
    void storingTheEndDateKeepsTheMagnetClock() {
        store.archiveInfo.setMagnetLink(community.id(), 1234, "magnet:?xt=urn:btih:00");
        store.archiveInfo.setLastArchiveEndDate(community.id(), JAN_1_2020);
        assertThat(store.archiveInfo.get(community.id()).magnetClock()).isEqualTo(1234);
        assertThat(store.archiveInfo.get(community.id()).lastMagnetUri()).isEqualTo("magnet:?xt=urn:btih:00");
    }
}
