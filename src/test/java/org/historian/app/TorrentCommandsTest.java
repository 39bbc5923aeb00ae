package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.historian.app.CommandRun.run;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.historian.app.CommandRun.Live;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** magnet, seed, fetch and settings as an operator runs them. */
class TorrentCommandsTest {
    private static final CommunityId ID = TestData.communityId(123);

    @TempDir
    Path temp;

    private Path ownerWithArchives() throws Exception {
        Path owner = temp.resolve("owner");
        run(owner, "community", "add", "--id", ID.hex(), "--name", "Seeded", "--topic", TestData.TOPIC.hex());
        Path file = temp.resolve("messages.ndjson");
        Files.write(file, ArchiveFolders.weeksOfMessages(2, 150_000, 8).stream().map(NdjsonFormat::format).toList(),
                StandardCharsets.UTF_8);
        run(owner, "import", file.toString());
        Result archived = run(owner, "archive", "--community", ID.hex(), "--to", "2020-01-15T00:00:00Z");
        assertThat(archived.out()).contains("Created 2 archives").contains("Magnet link: magnet:?xt=urn:btih:");
        return owner;
    }

    @Test
    void magnetPrintsTheLinkOrSaysThereIsNone() throws Exception {
        Path empty = temp.resolve("empty");
        run(empty, "community", "add", "--id", ID.hex(), "--name", "Empty", "--topic", TestData.TOPIC.hex());
        Result none = run(empty, "magnet", "--community", ID.hex());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("has no archives yet; run historian archive first");

        Path owner = ownerWithArchives();
        Result magnet = run(owner, "magnet", "--community", ID.hex());
        assertThat(magnet.exitCode()).isZero();
        assertThat(magnet.out()).startsWith("magnet:?xt=urn:btih:").contains("&dn=" + ID.hex()).contains("info-hash: ");
    }

    @Test
    void settingsAreShownValidatedAndReset() {
        Path dir = temp.resolve("settings");
        assertThat(run(dir, "settings").out()).contains("torrent.port             9025  (default)");
        Result bad = run(dir, "settings", "set", "torrent.port", "70000");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("torrent.port: port must be between 0 and 65535, got 70000");
        assertThat(run(dir, "settings", "set", "torrent.listenAddress", "example.org").err())
                .contains("\"example.org\" is not an IP address");
        assertThat(run(dir, "settings", "set", "torrent.trackers", "ftp://x").err()).contains("must be a udp://, http:// or https:// URL");
        assertThat(run(dir, "settings", "set", "archive.interval", "PT10S").err()).contains("must be at least one minute");
        assertThat(run(dir, "settings", "set", "no.such", "1").err()).contains("unknown setting \"no.such\"");
        assertThat(run(dir, "settings", "set", "torrent.dht", "off").out()).contains("torrent.dht = off");
        assertThat(run(dir, "settings").out()).contains("torrent.dht              off\n");
        assertThat(run(dir, "settings", "reset", "torrent.dht").out()).contains("torrent.dht = true (default)");
    }

    @Test
    void oneNodeSeedsAndAnotherFetches() throws Exception {
        Path owner = ownerWithArchives();
        String magnet = run(owner, "magnet", "--community", ID.hex()).out().lines().findFirst().orElseThrow();
        int port = freePort();
        Live seeding = new Live();
        CompletableFuture<Result> seed = CompletableFuture.supplyAsync(() -> run(owner, seeding, "seed", "--port",
                Integer.toString(port), "--listen-address", "127.0.0.1", "--no-dht", "--no-trackers", "--status-every", "PT1S",
                "--stop-after", "PT30S"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seeding.out.toString().contains("seeding, 0 peers"));

        Path member = temp.resolve("member");
        // A German locale writes sizes as the window does: decimal units, a point (not "300,0 KiB").
        java.util.Locale locale = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        Result fetched;
        try {
            fetched = run(member, "fetch", "--community", ID.hex(), "--magnet", magnet, "--peer", "127.0.0.1:" + port,
                    "--port", "0", "--listen-address", "127.0.0.1", "--no-dht", "--no-trackers");
        } finally {
            java.util.Locale.setDefault(locale);
        }
        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        assertThat(fetched.out()).contains("Index received: 2 archives, 2 to fetch.").contains("Fetched 2 archives")
                .containsPattern("Metadata received: [0-9a-f]{40}, \\d+(\\.\\d+)? [KM]?B of archives\\.")
                .containsPattern("Fetched 2 archives \\(\\d+(\\.\\d+)? [KM]?B from peers\\)");
        Path ownerData = owner.resolve("archivedata").resolve(ID.hex()).resolve("data");
        assertThat(Files.readAllBytes(member.resolve("archivedata").resolve(ID.hex()).resolve("data")))
                .isEqualTo(Files.readAllBytes(ownerData));
        await().atMost(Duration.ofSeconds(20)).until(() -> seeding.out.toString().lines()
                .anyMatch(line -> line.contains("uploaded") && !line.contains("uploaded 0 B")));

        Result again = run(member, "fetch", "--community", ID.hex(), "--magnet", magnet, "--peer", "127.0.0.1:" + port,
                "--port", "0", "--listen-address", "127.0.0.1", "--no-dht", "--no-trackers");
        assertThat(again.out()).contains("Index received: 2 archives, 0 to fetch.").contains("Fetched 0 archives");
        assertThat(run(member, "inspect", "--community", ID.hex()).exitCode()).isZero();

        Result bad = run(member, "fetch", "--community", ID.hex(), "--magnet", "magnet:?dn=x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--magnet: magnet link has no xt=urn:btih: info-hash");

        Result stopped = seed.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).contains("Stopped seeding.");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
