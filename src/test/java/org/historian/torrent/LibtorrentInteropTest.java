package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.historian.testing.PiecePlans;
import org.historian.archive.ArchiveFolder;
import org.historian.model.CommunityId;
import org.historian.testing.Aria2;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.Libtorrent;
import org.historian.testing.LocalTracker;
import org.historian.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent 2.0.8, the most widely used engine, against Historian on 127.0.0.1 with every
 * handshake it can open with: its defaults (MSE offered with plaintext and RC4 allowed, uTP tried
 * before TCP), RC4 required, MSE off, RC4 preferred; many at once and many in a row; and the
 * other way round, Historian fetching from a libtorrent seeder. aria2c requiring RC4 too. Before
 * Historian's own MSE handshake, a default libtorrent peer downloaded nothing.
 */
class LibtorrentInteropTest {
    private static final CommunityId ID = TestData.communityId(88);

    @TempDir
    static Path shared;
    @TempDir
    Path temp;

    private static Path ownerRoot;
    private static MadeTorrent torrent;
    private static Path torrentFile;

    /** A community folder of about 30 MB: several hundred pieces, as archive torrents have. */
    @BeforeAll
    static void archiveFolder() throws Exception {
        Libtorrent.requireInstalled();
        ownerRoot = shared.resolve("owner");
        ArchiveFolders.archiveWeeks(ownerRoot, ID, ArchiveFolders.weeksOfMessages(3, 10_000_000, 9), 0, 3);
        ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
        torrent = PiecePlans.torrentOf(folder, List.of(), "test");
        torrentFile = shared.resolve("community.torrent");
        Files.write(torrentFile, torrent.bytes());
        assertThat(torrent.pieces().pieceCount()).isGreaterThan(250);
    }

    private static BtTorrentEngine seeder(TorrentSettings.Encryption policy) throws Exception {
        BtTorrentEngine owner = new BtTorrentEngine(ownerRoot, Clock.systemUTC());
        owner.start(TorrentSettings.loopback(List.of()).withEncryption(policy));
        owner.seed(ID, torrent.bytes());
        await().atMost(Duration.ofSeconds(60)).until(() -> owner.stats(ID).map(s -> s.state() == SeedingStats.State.SEEDING)
                .orElse(false));
        return owner;
    }

    private static void assertSameFiles(Path downloaded) throws Exception {
        ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
        assertThat(Files.readAllBytes(downloaded.resolve(ID.hex()).resolve("data"))).isEqualTo(Files.readAllBytes(folder.data()));
        assertThat(Files.readAllBytes(downloaded.resolve(ID.hex()).resolve("index"))).isEqualTo(Files.readAllBytes(folder.index()));
    }

    @Test
    void libtorrentDownloadsEverythingWhateverHandshakeItOpensWith() throws Exception {
        for (TorrentSettings.Encryption historian : List.of(TorrentSettings.Encryption.PREFER_PLAINTEXT,
                TorrentSettings.Encryption.PREFER_ENCRYPTED)) {
            try (BtTorrentEngine owner = seeder(historian)) {
                int port = owner.status().port();
                for (String policy : List.of("default", "rc4", "plaintext", "prefer-rc4")) {
                    Path save = temp.resolve("lt-" + historian + "-" + policy);
                    List<Libtorrent.Download> downloads = Libtorrent.download(torrentFile, save, policy, port, 1, false, 90);
                    assertThat(downloads).as("%s against Historian %s", policy, historian).singleElement()
                            .satisfies(d -> assertThat(d.done()).as(d.why()).isTrue());
                    assertSameFiles(save.resolve("0"));
                }
            }
        }
    }

    @Test
    void requiringEncryptionServesRc4PeersAndRefusesPlaintextOnes() throws Exception {
        try (BtTorrentEngine owner = seeder(TorrentSettings.Encryption.REQUIRE_ENCRYPTED)) {
            int port = owner.status().port();
            Path rc4 = temp.resolve("required-rc4");
            assertThat(Libtorrent.download(torrentFile, rc4, "rc4", port, 1, false, 90)).singleElement()
                    .satisfies(d -> assertThat(d.done()).as(d.why()).isTrue());
            assertSameFiles(rc4.resolve("0"));
            assertThat(Libtorrent.download(torrentFile, temp.resolve("required-plain"), "plaintext", port, 1, false, 8))
                    .singleElement().satisfies(d -> assertThat(d.done()).isFalse());
        }
    }

    @Test
    void manyDefaultPeersAtOnceAllComplete() throws Exception {
        try (BtTorrentEngine owner = seeder(TorrentSettings.Encryption.PREFER_PLAINTEXT)) {
            Path save = temp.resolve("many");
            List<Libtorrent.Download> downloads = Libtorrent.download(torrentFile, save, "default", owner.status().port(), 6, false, 120);
            assertThat(downloads).hasSize(6).allSatisfy(d -> assertThat(d.done()).as(d.why()).isTrue());
            assertSameFiles(save.resolve("5"));
        }
    }

    @Test
    void twentyFreshConnectionsInARowAllComplete() throws Exception {
        Path small = temp.resolve("small-owner");
        CommunityId id = TestData.communityId(89);
        ArchiveFolders.archiveWeeks(small, id, ArchiveFolders.weeksOfMessages(1, 300_000, 3), 0, 1);
        ArchiveFolder folder = ArchiveFolder.of(small, id);
        MadeTorrent made = PiecePlans.torrentOf(folder, List.of(), "test");
        Path file = temp.resolve("small.torrent");
        Files.write(file, made.bytes());
        try (BtTorrentEngine owner = new BtTorrentEngine(small, Clock.systemUTC())) {
            owner.start(TorrentSettings.loopback(List.of()));
            owner.seed(id, made.bytes());
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.stats(id).map(s -> s.state() == SeedingStats.State.SEEDING)
                    .orElse(false));
            // MSE first, as libtorrent does by default, over TCP at once (uTP first is covered above).
            List<Libtorrent.Download> downloads = Libtorrent.download(file, temp.resolve("row"), "default-tcp", owner.status().port(),
                    20, true, 30);
            assertThat(downloads).hasSize(20).allSatisfy(d -> assertThat(d.done()).as(d.why()).isTrue());
        }
    }

    @Test
    void historianFetchesFromALibtorrentSeederWhateverItRequires() throws Exception {
        Path seedRoot = temp.resolve("lt-seed");
        Files.createDirectories(seedRoot.resolve(ID.hex()));
        ArchiveFolder owned = ArchiveFolder.of(ownerRoot, ID);
        Files.copy(owned.data(), seedRoot.resolve(ID.hex()).resolve("data"));
        Files.copy(owned.index(), seedRoot.resolve(ID.hex()).resolve("index"));
        for (String policy : List.of("default", "rc4", "plaintext")) {
            try (Libtorrent seeder = Libtorrent.seed(torrentFile, seedRoot, policy)) {
                int port = seeder.port();
                Path memberRoot = temp.resolve("member-" + policy);
                try (BtTorrentEngine member = new BtTorrentEngine(memberRoot, Clock.systemUTC())) {
                    member.start(TorrentSettings.loopback(List.of()));
                    MagnetLink link = torrent.magnet().withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", port)));
                    FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, link, memberRoot, PiecePlans.all(), Duration.ofSeconds(30),
                            null)).result().get(120, TimeUnit.SECONDS);
                    assertThat(result.downloaded()).as(policy).hasSize(3);
                    assertSameFiles(memberRoot);
                }
            }
        }
    }

    @Test
    void aria2cRequiringRc4DownloadsFromHistorian() throws Exception {
        try (LocalTracker tracker = new LocalTracker()) {
            Path root = temp.resolve("aria2-owner");
            ArchiveFolders.archiveWeeks(root, ID, ArchiveFolders.weeksOfMessages(2, 400_000, 5), 0, 2);
            ArchiveFolder folder = ArchiveFolder.of(root, ID);
            MadeTorrent made = PiecePlans.torrentOf(folder, List.of(tracker.url()), "test");
            try (BtTorrentEngine seeding = new BtTorrentEngine(root, Clock.systemUTC())) {
                EngineStatus status = seeding.start(TorrentSettings.loopback(List.of(tracker.url())));
                seeding.seed(ID, made.bytes());
                await().atMost(Duration.ofSeconds(30)).until(() -> tracker.announces.stream()
                        .anyMatch(a -> a.startsWith(made.infoHash().hex()) && a.contains("port=" + status.port())));
                Path download = Files.createDirectories(temp.resolve("aria2-rc4"));
                Path file = download.resolve("community.torrent");
                Files.write(file, made.bytes());
                Aria2.run(download, 120, "--dir=" + download, "--seed-time=0", "--bt-tracker-interval=1", "--bt-require-crypto=true",
                        "--bt-min-crypto-level=arc4", file.toString());
                assertThat(Files.readAllBytes(download.resolve(ID.hex()).resolve("data"))).isEqualTo(Files.readAllBytes(folder.data()));
            }
        }
    }
}
