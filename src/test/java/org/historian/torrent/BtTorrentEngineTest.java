package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.historian.testing.PiecePlans;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Historian engines over real sockets on 127.0.0.1: owner seeds, member fetches. */
class BtTorrentEngineTest {
    private static final CommunityId ID = TestData.communityId(42);
    private static final Duration STALL = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path ownerRoot;
    private Path memberRoot;
    private BtTorrentEngine owner;
    private BtTorrentEngine member;
    private EngineStatus ownerStatus;
    private final List<StoredMessage> messages = ArchiveFolders.weeksOfMessages(3, 300_000, 1);

    @BeforeEach
    void startEngines() {
        ownerRoot = temp.resolve("owner");
        memberRoot = temp.resolve("member");
        owner = new BtTorrentEngine(ownerRoot, Clock.systemUTC());
        member = new BtTorrentEngine(memberRoot, Clock.systemUTC());
        ownerStatus = owner.start(TorrentSettings.loopback(List.of()));
        member.start(TorrentSettings.loopback(List.of()));
    }

    @AfterEach
    void stopEngines() {
        owner.close();
        member.close();
    }

    private MadeTorrent archiveAndSeed(int fromWeek, int toWeek) throws Exception {
        ArchiveFolders.archiveWeeks(ownerRoot, ID, messages, fromWeek, toWeek);
        ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
        MadeTorrent made = PiecePlans.torrentOf(folder, List.of(), "test");
        owner.seed(ID, made.bytes());
        // Fetches start once the owner serves the new torrent, as a member's would after the magnet arrives.
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(ID).map(s -> s.infoHash().equals(made.infoHash())
                && s.state() == SeedingStats.State.SEEDING).orElse(false));
        return made;
    }

    private MagnetLink linkToOwner(MadeTorrent made) {
        return made.magnet().withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", ownerStatus.port())));
    }

    private static final class Recording implements FetchListener {
        final List<PieceRange> wanted = Collections.synchronizedList(new ArrayList<>());
        final List<PieceRange> downloaded = Collections.synchronizedList(new ArrayList<>());
        final List<String> order = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
            order.add("metadata");
        }

        @Override
        public void indexReceived(List<PieceRange> wantedRanges) {
            order.add("index");
            wanted.addAll(wantedRanges);
        }

        @Override
        public void rangeDownloaded(PieceRange range) {
            order.add("archive");
            downloaded.add(range);
        }
    }

    private Path memberFile(String name) {
        return memberRoot.resolve(ID.hex()).resolve(name);
    }

    @Test
    void aMemberFetchesEveryArchiveByMagnetLink() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 3);
        Recording recording = new Recording();
        FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, linkToOwner(made), memberRoot, PiecePlans.all(), STALL, recording))
                .result().get(90, TimeUnit.SECONDS);

        ArchiveFolder ownerFolder = ArchiveFolder.of(ownerRoot, ID);
        assertThat(Files.readAllBytes(memberFile("data"))).isEqualTo(Files.readAllBytes(ownerFolder.data()));
        assertThat(Files.readAllBytes(memberFile("index"))).isEqualTo(Files.readAllBytes(ownerFolder.index()));
        assertThat(result.infoHash()).isEqualTo(made.infoHash());
        assertThat(result.downloaded()).hasSize(3);
        assertThat(recording.order).containsExactly("metadata", "index", "archive", "archive", "archive");
        assertThat(recording.wanted).extracting(PieceRange::firstPiece).isSorted();
        assertThat(result.bytesDownloaded()).isEqualTo(Files.size(ownerFolder.data()) + Files.size(ownerFolder.index()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SeedingStats stats = owner.stats(ID).orElseThrow();
            assertThat(stats.state()).isEqualTo(SeedingStats.State.SEEDING);
            assertThat(stats.uploaded()).isEqualTo(result.bytesDownloaded());
            assertThat(stats.piecesComplete()).isEqualTo(stats.piecesTotal()).isEqualTo(made.pieces().pieceCount());
        });
    }

    @Test
    void afterANewWeekOnlyTheNewArchiveAndTheIndexAreTransferred() throws Exception {
        MadeTorrent firstTorrent = archiveAndSeed(0, 2);
        FetchResult first = member.fetch(FetchRequest.ofMagnet(ID, linkToOwner(firstTorrent), memberRoot, PiecePlans.all(), STALL, null))
                .result().get(90, TimeUnit.SECONDS);
        Set<String> held = first.downloaded().stream().map(PieceRange::name).collect(Collectors.toSet());
        long dataBefore = Files.size(ArchiveFolder.of(ownerRoot, ID).data());

        MadeTorrent second = archiveAndSeed(2, 3);
        assertThat(second.infoHash()).isNotEqualTo(firstTorrent.infoHash());
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(ID).map(s -> s.infoHash().equals(second.infoHash())
                && s.state() == SeedingStats.State.SEEDING).orElse(false));
        Recording recording = new Recording();
        FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, linkToOwner(second), memberRoot, PiecePlans.skipping(held), STALL, recording))
                .result().get(90, TimeUnit.SECONDS);

        ArchiveFolder ownerFolder = ArchiveFolder.of(ownerRoot, ID);
        long week3 = Files.size(ownerFolder.data()) - dataBefore;
        assertThat(recording.wanted).singleElement()
                .satisfies(range -> assertThat(range.firstPiece() * org.historian.model.FolderLayout.PIECE_LENGTH).isEqualTo(dataBefore));
        assertThat(result.bytesDownloaded()).isEqualTo(week3 + Files.size(ownerFolder.index()));
        assertThat(Files.readAllBytes(memberFile("data"))).isEqualTo(Files.readAllBytes(ownerFolder.data()));
    }

    @Test
    void aMemberFetchesByTorrentFileFromAKnownPeer() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 1);
        FetchRequest request = FetchRequest.ofTorrent(ID, made.bytes(), memberRoot, PiecePlans.all(), STALL, null)
                .withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", ownerStatus.port())));
        FetchResult result = member.fetch(request).result().get(90, TimeUnit.SECONDS);
        assertThat(result.downloaded()).hasSize(1);
        assertThat(Files.readAllBytes(memberFile("data"))).isEqualTo(Files.readAllBytes(ArchiveFolder.of(ownerRoot, ID).data()));
    }

    @Test
    void archivesAlreadyRecordedAreNotFetchedAgain() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 2);
        ArchiveIndex index = ArchiveIndex.parse(Files.readAllBytes(ArchiveFolder.of(ownerRoot, ID).index()));
        Set<String> all = index.entries().stream().map(ArchiveIndexEntry::archiveId).collect(Collectors.toSet());
        FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, linkToOwner(made), memberRoot, PiecePlans.skipping(all), STALL, null))
                .result().get(90, TimeUnit.SECONDS);
        assertThat(result.downloaded()).isEmpty();
        assertThat(result.bytesDownloaded()).isEqualTo(Files.size(ArchiveFolder.of(ownerRoot, ID).index()));
    }

    @Test
    void anOwnerThatComesOnlineAfterTheFetchStartedIsFound() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path lateRoot = temp.resolve("late-owner");
        ArchiveFolders.archiveWeeks(lateRoot, ID, messages, 0, 1);
        ArchiveFolder folder = ArchiveFolder.of(lateRoot, ID);
        MadeTorrent made = PiecePlans.torrentOf(folder, List.of(), "test");
        MagnetLink link = made.magnet().withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", port)));
        FetchHandle fetch = member.fetch(FetchRequest.ofMagnet(ID, link, memberRoot, PiecePlans.all(), STALL, null));
        // The member's first connection is refused: nothing listens on the port yet.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        BtTorrentEngine lateOwner = new BtTorrentEngine(lateRoot, Clock.systemUTC());
        try {
            lateOwner.start(new TorrentSettings(port, "127.0.0.1", false, false, List.of()));
            lateOwner.seed(ID, made.bytes());
            FetchResult result = fetch.result().get(60, TimeUnit.SECONDS);
            assertThat(result.downloaded()).hasSize(1);
            assertThat(Files.readAllBytes(memberFile("data"))).isEqualTo(Files.readAllBytes(folder.data()));
        } finally {
            lateOwner.close();
        }
    }

    @Test
    void metadataThatNeverComesTimesOutAfterTheRetry() {
        MagnetLink nobody = new MagnetLink(new InfoHash("0123456789abcdef0123456789abcdef01234567"), ID.hex(), List.of(), List.of());
        FetchRequest request = FetchRequest.ofMagnet(ID, nobody, memberRoot, PiecePlans.all(), STALL, null)
                .withMetadataTimeout(Duration.ofSeconds(2), 2);
        assertThatThrownBy(() -> member.fetch(request).result().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(FetchException.class)
                .hasMessageStartingWith("no peer sent the torrent's metadata within 2 s (2 attempts): no peer could be reached. ")
                .satisfies(e -> assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.METADATA_TIMEOUT));
    }

    @Test
    void aTorrentForAnotherCommunityIsRefusedBeforeAnythingIsWritten() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 1);
        CommunityId other = TestData.communityId(43);
        FetchRequest request = FetchRequest.ofMagnet(other, linkToOwner(made), memberRoot, PiecePlans.all(), STALL, null);
        assertThatThrownBy(() -> member.fetch(request).result().get(60, TimeUnit.SECONDS))
                .cause().isInstanceOf(FetchException.class)
                .hasMessage("torrent is for community " + ID + ", not " + other);
        assertThat(Files.exists(memberRoot.resolve(ID.hex()))).isFalse();
        assertThat(Files.list(memberRoot.resolve(other.hex())).toList()).isEmpty();
    }

    @Test
    void aDownloadWithoutProgressStallsWithAClearError() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 2);
        // The owner's data changes after the torrent was made: the changed piece can never be served.
        owner.unseed(ID);
        try (RandomAccessFile data = new RandomAccessFile(ArchiveFolder.of(ownerRoot, ID).data().toFile(), "rw")) {
            data.seek(5);
            data.write(0x7f);
        }
        owner.seed(ID, made.bytes());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SeedingStats stats = owner.stats(ID).orElseThrow();
            assertThat(stats.state()).isEqualTo(SeedingStats.State.ERROR);
            assertThat(stats.error()).startsWith("1 of " + stats.piecesTotal() + " pieces on disk do not match the torrent");
        });
        FetchRequest request = new FetchRequest(ID, linkToOwner(made), null, memberRoot, PiecePlans.all(), Duration.ofSeconds(20), 2,
                Duration.ofSeconds(8), List.of(), null);
        assertThatThrownBy(() -> member.fetch(request).result().get(90, TimeUnit.SECONDS))
                .cause().isInstanceOf(FetchException.class)
                .hasMessageStartingWith("the download stalled: no piece arrived for 8 s");
    }

    @Test
    void aFetchCanBeCancelled() throws Exception {
        MagnetLink nobody = new MagnetLink(new InfoHash("0123456789abcdef0123456789abcdef01234567"), ID.hex(), List.of(), List.of());
        FetchHandle handle = member.fetch(FetchRequest.ofMagnet(ID, nobody, memberRoot, PiecePlans.all(), STALL, null));
        handle.cancel();
        assertThatThrownBy(() -> handle.result().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.CANCELLED));
    }

    @Test
    void aPortInUseIsReportedAndAFreePortUsedInstead() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (BtTorrentEngine engine = new BtTorrentEngine(temp.resolve("third"), Clock.systemUTC())) {
                EngineStatus status = engine.start(new TorrentSettings(taken.getLocalPort(), "127.0.0.1", false, false, List.of()));
                assertThat(status.state()).isEqualTo(EngineStatus.State.RUNNING);
                assertThat(status.port()).isNotEqualTo(taken.getLocalPort()).isPositive();
                assertThat(status.message()).startsWith("port " + taken.getLocalPort() + " is in use by another program")
                        .contains("listening on port " + status.port() + " instead");
            }
        }
    }

    @Test
    void theDhtNeverListensBeyondARestrictedListenAddress() throws Exception {
        try (BtTorrentEngine engine = new BtTorrentEngine(temp.resolve("fourth"), Clock.systemUTC())) {
            EngineStatus status = engine.start(new TorrentSettings(0, "127.0.0.1", true, false, List.of()));
            assertThat(status.message()).isEqualTo("The DHT is off because the client listens on 127.0.0.1 only.");
            // Nothing holds the UDP port on any interface.
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(new InetSocketAddress(status.port()))) {
                assertThat(udp.getLocalPort()).isEqualTo(status.port());
            }
        }
    }

    @Test
    void reseedingSwapsToTheNewTorrentAndUnseedingStops() throws Exception {
        MadeTorrent first = archiveAndSeed(0, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(ID).map(s -> s.state() == SeedingStats.State.SEEDING).orElse(false));
        MadeTorrent second = archiveAndSeed(1, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(ID).map(s -> s.infoHash().equals(second.infoHash())
                && s.state() == SeedingStats.State.SEEDING).orElse(false));
        assertThat(owner.allStats()).containsOnlyKeys(ID);
        assertThat(first.infoHash()).isNotEqualTo(second.infoHash());
        owner.unseed(ID);
        assertThat(owner.stats(ID)).isEmpty();
    }

    @Test
    void theSameTorrentSeedsAgainRightAfterItWasUnseeded() throws Exception {
        MadeTorrent made = archiveAndSeed(0, 1);
        owner.unseed(ID);
        owner.seed(ID, made.bytes());
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(ID).map(s -> s.state() == SeedingStats.State.SEEDING)
                .orElse(false));
        FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, linkToOwner(made), memberRoot, PiecePlans.all(), STALL, null))
                .result().get(90, TimeUnit.SECONDS);
        assertThat(result.downloaded()).hasSize(1);
    }

    @Test
    void communitiesSeededFromSeveralThreadsAtOnceAllSeed() throws Exception {
        // Seeding holds the engine's lock while Bt's checks finish and call back into the engine.
        List<CommunityId> communities = new ArrayList<>();
        List<byte[]> torrents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CommunityId community = TestData.communityId(100 + i);
            ArchiveFolders.archiveWeeks(ownerRoot, community, messages, 0, 1);
            ArchiveFolder folder = ArchiveFolder.of(ownerRoot, community);
            communities.add(community);
            torrents.add(PiecePlans.torrentOf(folder, List.of(), "test").bytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> seeds = new ArrayList<>();
            for (int i = 0; i < communities.size(); i++) {
                int which = i;
                seeds.add(pool.submit(() -> {
                    owner.seed(communities.get(which), torrents.get(which));
                    return null;
                }));
            }
            // A seed() that threw (or never returned) fails here, not as a mysterious wait below.
            for (java.util.concurrent.Future<?> seed : seeds) {
                seed.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> communities.stream().allMatch(community -> owner.stats(community)
                    .map(stats -> stats.state() == SeedingStats.State.SEEDING).orElse(false)));
        } finally {
            pool.shutdownNow();
        }
    }
}
