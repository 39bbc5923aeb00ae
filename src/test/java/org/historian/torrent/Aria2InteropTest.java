package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.historian.testing.LocalTracker;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real third-party client, aria2c, against Historian on 127.0.0.1 in both directions. aria2c
 * finds Historian through a tracker on 127.0.0.1 (it cannot be told a peer); Historian finds
 * aria2c through the peer address in the magnet link. DHT, local discovery and peer exchange
 * are off on both sides.
 */
class Aria2InteropTest {
    private static final CommunityId ID = TestData.communityId(77);

    @TempDir
    Path temp;

    private MadeTorrent archiveFolder(Path root, List<String> trackers) throws Exception {
        ArchiveFolders.archiveWeeks(root, ID, ArchiveFolders.weeksOfMessages(3, 400_000, 5), 0, 3);
        ArchiveFolder folder = ArchiveFolder.of(root, ID);
        return PiecePlans.torrentOf(folder, trackers, "test");
    }

    @Test
    void aria2cDownloadsWhatHistorianSeeds() throws Exception {
        Path ownerRoot = temp.resolve("owner");
        try (LocalTracker tracker = new LocalTracker();
             BtTorrentEngine owner = new BtTorrentEngine(ownerRoot, Clock.systemUTC())) {
            MadeTorrent made = archiveFolder(ownerRoot, List.of(tracker.url()));
            EngineStatus status = owner.start(TorrentSettings.loopback(List.of(tracker.url())));
            owner.seed(ID, made.bytes());
            // Historian announces itself to the tracker over HTTP.
            await().atMost(Duration.ofSeconds(30)).until(() -> tracker.announces.stream()
                    .anyMatch(a -> a.startsWith(made.infoHash().hex()) && a.contains("port=" + status.port())));

            Path download = Files.createDirectories(temp.resolve("aria2-download"));
            Path torrentFile = download.resolve("community.torrent");
            Files.write(torrentFile, made.bytes());
            Aria2.run(download, 120, "--dir=" + download, "--seed-time=0", "--bt-tracker-interval=1", torrentFile.toString());

            ArchiveFolder folder = ArchiveFolder.of(ownerRoot, ID);
            assertThat(Files.readAllBytes(download.resolve(ID.hex()).resolve("data"))).isEqualTo(Files.readAllBytes(folder.data()));
            assertThat(Files.readAllBytes(download.resolve(ID.hex()).resolve("index"))).isEqualTo(Files.readAllBytes(folder.index()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(owner.stats(ID).orElseThrow().uploaded()).isGreaterThanOrEqualTo(Files.size(folder.data())));
        }
    }

    @Test
    void historianFetchesWhatAria2cSeeds() throws Exception {
        Path seedRoot = temp.resolve("aria2-seed");
        MadeTorrent made = archiveFolder(seedRoot, List.of());
        Path torrentFile = seedRoot.resolve("community.torrent");
        Files.write(torrentFile, made.bytes());
        int port = freePort();
        Process seeder = Aria2.start(seedRoot, "--dir=" + seedRoot, "--listen-port=" + port, "--check-integrity=true",
                "--bt-seed-unverified=false", "--seed-ratio=0.0", "--seed-time=10", torrentFile.toString());
        Path memberRoot = temp.resolve("member");
        try (BtTorrentEngine member = new BtTorrentEngine(memberRoot, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> listening(port));
            member.start(TorrentSettings.loopback(List.of()));
            MagnetLink link = made.magnet().withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", port)));
            FetchResult result = member.fetch(FetchRequest.ofMagnet(ID, link, memberRoot, PiecePlans.all(), Duration.ofSeconds(30), null))
                    .result().get(120, TimeUnit.SECONDS);

            ArchiveFolder seeded = ArchiveFolder.of(seedRoot, ID);
            assertThat(result.downloaded()).hasSize(3);
            assertThat(Files.readAllBytes(memberRoot.resolve(ID.hex()).resolve("data"))).isEqualTo(Files.readAllBytes(seeded.data()));
            assertThat(Files.readAllBytes(memberRoot.resolve(ID.hex()).resolve("index"))).isEqualTo(Files.readAllBytes(seeded.index()));
        } finally {
            seeder.destroy();
            seeder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A mirror's case: what an engine fetched by magnet link and then seeds still gives its metadata to magnet-link peers. */
    @Test
    void aTorrentFetchedByMagnetAndThenSeededGivesAria2cItsMetadata() throws Exception {
        Path ownerRoot = temp.resolve("owner");
        Path mirrorRoot = temp.resolve("mirror");
        try (LocalTracker tracker = new LocalTracker();
             BtTorrentEngine mirror = new BtTorrentEngine(mirrorRoot, Clock.systemUTC())) {
            MadeTorrent made = archiveFolder(ownerRoot, List.of(tracker.url()));
            EngineStatus mirrorStatus = mirror.start(TorrentSettings.loopback(List.of(tracker.url())));
            try (BtTorrentEngine owner = new BtTorrentEngine(ownerRoot, Clock.systemUTC())) {
                EngineStatus ownerStatus = owner.start(TorrentSettings.loopback(List.of()));
                owner.seed(ID, made.bytes());
                MagnetLink link = made.magnet().withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", ownerStatus.port())));
                FetchResult fetched = mirror.fetch(FetchRequest.ofMagnet(ID, link, mirrorRoot, PiecePlans.all(), Duration.ofSeconds(30),
                        null)).result().get(120, TimeUnit.SECONDS);
                assertThat(fetched.downloaded()).hasSize(3);
            }
            mirror.seed(ID, made.bytes());
            await().atMost(Duration.ofSeconds(40)).until(() -> mirror.stats(ID).map(s -> s.state() == SeedingStats.State.SEEDING)
                    .orElse(false));
            await().atMost(Duration.ofSeconds(30)).until(() -> tracker.announces.stream()
                    .anyMatch(a -> a.startsWith(made.infoHash().hex()) && a.contains("port=" + mirrorStatus.port())));

            // aria2c has only the magnet link and the tracker: the metadata must come from the mirror.
            Path download = Files.createDirectories(temp.resolve("aria2-magnet"));
            Aria2.run(download, 90, "--dir=" + download, "--seed-time=0", "--bt-tracker-interval=1", "--bt-tracker=" + tracker.url(),
                    "--bt-stop-timeout=60", made.magnet().format());
            assertThat(Files.readAllBytes(download.resolve(ID.hex()).resolve("data")))
                    .isEqualTo(Files.readAllBytes(ArchiveFolder.of(ownerRoot, ID).data()));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
