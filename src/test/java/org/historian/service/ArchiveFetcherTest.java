package org.historian.service;

import org.historian.testing.ListSource;
import org.historian.archive.ArchiveRunRequest;
import org.historian.archive.ArchiveWriter;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.historian.archive.ArchiveReader;
import org.historian.archive.DiskFileSystem;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Member side: an owner store seeds, a member store fetches, records and imports. */
class ArchiveFetcherTest {
    @TempDir
    Path temp;

    private FixtureStore owner;
    private FixtureStore member;
    private BtTorrentEngine ownerEngine;
    private BtTorrentEngine memberEngine;
    private Community community;
    private ArchiveFetcher fetcher;
    private EngineStatus ownerStatus;

    @BeforeEach
    void ownerSeedsTwoWeeks() throws Exception {
        owner = new FixtureStore(temp.resolve("owner"));
        member = new FixtureStore(temp.resolve("member"));
        community = TestData.community(55, TOPIC);
        owner.communities.add(community);
        owner.messages.insert(ArchiveFolders.weeksOfMessages(3, 200_000, 4));
        owner.runner.run(community, JAN_1_2020, JAN_1_2020 + 2 * WEEK, WEEK, RunListener.NONE);
        ownerEngine = new BtTorrentEngine(owner.archiveRoot(), Clock.systemUTC());
        memberEngine = new BtTorrentEngine(member.archiveRoot(), Clock.systemUTC());
        ownerStatus = ownerEngine.start(TorrentSettings.loopback(List.of()));
        memberEngine.start(TorrentSettings.loopback(List.of()));
        ownerEngine.seed(community.id(), owner.torrents.current(community.id()).orElseThrow().bytes());
        fetcher = new ArchiveFetcher(member.archiveRoot(), memberEngine, new ArchiveReader(new DiskFileSystem()), member.database,
                member.communities, member.messages, new DownloadedArchiveRepository(member.database), member.ledger,
                member.archiveInfo, member.events, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        ownerEngine.close();
        memberEngine.close();
    }

    private ArchiveFetcher.Source source() throws Exception {
        MagnetLink link = owner.torrents.current(community.id()).orElseThrow().magnet();
        return ArchiveFetcher.Source.ofMagnet(link.format(), List.of("127.0.0.1:" + ownerStatus.port()));
    }

    @Test
    void fetchedArchivesAreRecordedAndTheirMessagesImported() throws Exception {
        ArchiveFetcher.Outcome outcome = fetcher.fetch(community.id(), source(), Duration.ofSeconds(30), FetchProgress.NONE, h -> { });

        assertThat(outcome.downloaded()).hasSize(2);
        assertThat(outcome.adopted()).isFalse();
        long expected = owner.messages.count(List.of(TOPIC), JAN_1_2020, JAN_1_2020 + 2 * WEEK);
        assertThat(outcome.messagesImported()).isEqualTo(expected);
        assertThat(member.messages.count(List.of(TOPIC), 0, Long.MAX_VALUE)).isEqualTo(expected);
        DownloadedArchiveRepository downloads = new DownloadedArchiveRepository(member.database);
        assertThat(downloads.downloaded(community.id())).hasSize(2).isEqualTo(downloads.imported(community.id()));
        assertThat(member.emitted).extracting(HistorianEvent::type).containsSubsequence(EventType.DOWNLOADING_STARTED,
                EventType.ARCHIVE_DOWNLOADED, EventType.ARCHIVE_DOWNLOADED, EventType.DOWNLOADING_FINISHED);
        assertThat(member.emitted.stream().filter(e -> e.type() == EventType.ARCHIVE_DOWNLOADED).map(HistorianEvent::from))
                .containsExactlyInAnyOrder(JAN_1_2020, JAN_1_2020 + WEEK);
    }

    @Test
    void aControlledCommunityWithoutArchivesAdoptsTheFetchedHistoryAndAppendsToIt() throws Exception {
        member.communities.add(community);
        ArchiveFetcher.Outcome outcome = fetcher.fetch(community.id(), source(), Duration.ofSeconds(30), FetchProgress.NONE, h -> { });
        assertThat(outcome.adopted()).isTrue();
        assertThat(member.ledger.list(community.id())).hasSize(2);
        assertThat(member.archiveInfo.get(community.id()).lastArchiveEndDate()).isEqualTo(JAN_1_2020 + 2 * WEEK);

        // The member now archives week 3 itself, appending to the fetched history: the same bytes as the owner's.
        member.messages.insert(ArchiveFolders.weeksOfMessages(3, 200_000, 4));
        member.runner.run(community, JAN_1_2020 + 2 * WEEK, JAN_1_2020 + 3 * WEEK, WEEK, RunListener.NONE);
        owner.runner.run(community, JAN_1_2020 + 2 * WEEK, JAN_1_2020 + 3 * WEEK, WEEK, RunListener.NONE);
        assertThat(Files.readAllBytes(member.runner.folder(community.id()).data()))
                .isEqualTo(Files.readAllBytes(owner.runner.folder(community.id()).data()));

        // Having archives of its own, it refuses to fetch over them.
        assertThatThrownBy(() -> fetcher.fetch(community.id(), source(), Duration.ofSeconds(30), FetchProgress.NONE, h -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("archives " + community.id() + " itself (1 archives of its own)");
    }

    @Test
    void aFetchedHistoryThatDoesNotVerifyIsNotAdopted() throws Exception {
        // The owner's second archive is damaged on its disk and seeded all the same (its torrent hashes the damage).
        ArchiveFolder ownerFolder = owner.runner.folder(community.id());
        ArchiveIndexEntry second = ArchiveIndex.parse(Files.readAllBytes(ownerFolder.index())).entries().get(1);
        byte[] data = Files.readAllBytes(ownerFolder.data());
        data[(int) second.offset()] = (byte) 0xff; // its first tag: the archive no longer parses
        Files.write(ownerFolder.data(), data);
        Files.delete(owner.torrents.torrentFile(community.id()));
        new org.historian.store.PieceHashRepository(owner.database).delete(community.id()); // hash the damage as it is
        ownerEngine.seed(community.id(), owner.torrents.current(community.id()).orElseThrow().bytes());

        member.communities.add(community);
        ArchiveFetcher.Outcome outcome = fetcher.fetch(community.id(), source(), Duration.ofSeconds(30), FetchProgress.NONE, h -> { });
        assertThat(outcome.adopted()).isFalse();
        assertThat(outcome.notAdopted()).contains("was not adopted").contains("archive " + second.archiveId() + " fails verification");
        assertThat(member.ledger.list(community.id())).isEmpty();
        assertThat(member.archiveInfo.get(community.id()).lastArchiveEndDate()).isNull();
    }

    @Test
    void aFetchedHistoryThatEndsInTheFutureIsNotAdopted() throws Exception {
        // An owner that made a week ending in 9999: its folder is well formed, but no member may take that end date.
        Community future = TestData.community(56, TOPIC);
        owner.communities.add(future);
        long end = 253_402_214_400L;
        new ArchiveWriter(new DiskFileSystem()).run(owner.runner.folder(future.id()), new ArchiveRunRequest(future.id(), List.of(TOPIC),
                JAN_1_2020, end, end - JAN_1_2020, false), new ListSource(ArchiveFolders.weeksOfMessages(1, 10_000, 3)), RunListener.NONE);
        ownerEngine.seed(future.id(), owner.torrents.current(future.id()).orElseThrow().bytes());

        member.communities.add(future);
        MagnetLink link = owner.torrents.current(future.id()).orElseThrow().magnet();
        ArchiveFetcher.Outcome outcome = fetcher.fetch(future.id(), ArchiveFetcher.Source.ofMagnet(link.format(),
                List.of("127.0.0.1:" + ownerStatus.port())), Duration.ofSeconds(30), FetchProgress.NONE, h -> { });
        assertThat(outcome.adopted()).isFalse();
        assertThat(outcome.notAdopted()).contains("in the future");
        assertThat(member.archiveInfo.get(future.id()).lastArchiveEndDate()).isNull();
    }
}
