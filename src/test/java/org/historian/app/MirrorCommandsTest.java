package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.model.SigningKey;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.LocalTracker;
import org.historian.testing.TestData;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentSettings;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code historian mirror add|list|remove}, and a mirror followed by {@code historian --headless}. */
class MirrorCommandsTest {
    private static final SigningKey KEY = TestData.communityKey(620);
    private static final CommunityId ID = KEY.asCommunityId();

    @TempDir
    Path temp;

    private Result run(Path data, String... args) {
        return CommandRun.run(data, args);
    }

    private Result ok(Path data, String... args) {
        Result result = run(data, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ":\n" + result.out() + result.err()).isZero();
        return result;
    }

    @Test
    void mirrorsAreAddedByShareLinkListedAndRemoved() {
        Path data = temp.resolve("data");
        Result empty = ok(data, "mirror", "list");
        assertThat(empty.out()).contains("No mirrors. Mirror a community with: historian mirror add");

        // The share link of spec §1's test vector: the community whose key is the curve's generator.
        String shareLink = "https://status.app/c#zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9";
        CommunityId followed = CommunityId.parse("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        Result added = ok(data, "mirror", "add", "--community", shareLink, "--name", "Followed");
        assertThat(added.out()).contains("Mirroring Followed (" + followed + ")")
                .contains("No node to read its links from yet: historian settings set store.nodeUrl");
        Result again = run(data, "mirror", "add", "--community", followed.hex());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains(followed.hex());

        Result listed = ok(data, "mirror", "list");
        assertThat(listed.out()).contains(followed + "  Followed  archives=0 (0 B)  no link accepted yet  never polled");
        assertThat(ok(data, "community", "list").out()).contains("Followed").contains("[mirror: the owner's archives, fetched]");

        // An owned community is not a mirror: mirror remove refuses it and says where to look.
        CommunityId owned = TestData.communityId(621);
        ok(data, "community", "add", "--id", owned.hex(), "--name", "Owned");
        Result notMirror = run(data, "mirror", "remove", "--community", owned.hex());
        assertThat(notMirror.exitCode()).isNotZero();
        assertThat(notMirror.err()).contains("is not a mirrored community of this node; see: historian mirror list");

        assertThat(ok(data, "mirror", "remove", "--community", shareLink).out()).contains("Stopped mirroring Followed");
        assertThat(ok(data, "mirror", "list").out()).contains("No mirrors.");
        assertThat(ok(data, "community", "list").out()).doesNotContain("Followed").contains("Owned");
    }

    @Test
    void aDataDirectoryMayBeNamedLikeACommand() {
        picocli.CommandLine.ParseResult parsed = Main.commandLine().parseArgs("--data-dir", "mirror", "mirror", "list");
        assertThat(parsed.matchedOptionValue("--data-dir", (String) null)).isEqualTo("mirror");
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("mirror");
    }

    @Test
    void headlessModeFollowsAMirrorAndSeedsTheOwnersTorrent() throws Exception {
        try (FakeNwakuNode node = new FakeNwakuNode().storeWhatIsPublished(); LocalTracker tracker = new LocalTracker()) {
            // The owner archives three weeks, publishes the link to the node and seeds.
            Path owner = temp.resolve("owner");
            ok(owner, "community", "add", "--id", ID.hex(), "--name", "Owned elsewhere", "--topic", TestData.TOPIC.hex());
            Path messages = temp.resolve("m.ndjson");
            Files.write(messages, ArchiveFolders.weeksOfMessages(3, 100_000, 6).stream().map(NdjsonFormat::format).toList());
            ok(owner, "import", messages.toString());
            ok(owner, "settings", "set", "torrent.trackers", tracker.url());
            ok(owner, "archive", "--community", ID.hex());
            Path passphrase = Files.writeString(temp.resolve("passphrase"), "a long enough passphrase\n");
            Path key = Files.writeString(temp.resolve("key"), Hex.encodeBare(KEY.privateKeyBytes()) + "\n");
            ok(owner, "key", "import", "--community", ID.hex(), "--key-file", key.toString(), "--passphrase-file", passphrase.toString());
            ok(owner, "publish", "--community", ID.hex(), "--node", node.url().toString(), "--mode", "relay", "--passphrase-file",
                    passphrase.toString());
            byte[] torrent = Files.readAllBytes(owner.resolve("torrents").resolve(ID.hex() + ".torrent"));
            String infoHash = org.historian.torrent.TorrentMetadata.parse(torrent).infoHash().hex();

            Path mirror = temp.resolve("mirror");
            ok(mirror, "mirror", "add", "--community", ID.hex());
            ok(mirror, "settings", "set", "store.nodeUrl", node.url().toString());
            ok(mirror, "settings", "set", "torrent.port", "0");
            ok(mirror, "settings", "set", "torrent.listenAddress", "127.0.0.1");
            ok(mirror, "settings", "set", "torrent.dht", "false");
            ok(mirror, "settings", "set", "torrent.trackers", tracker.url());

            try (BtTorrentEngine seeder = new BtTorrentEngine(owner.resolve("archivedata"), Clock.systemUTC())) {
                seeder.start(TorrentSettings.loopback(List.of(tracker.url())));
                seeder.seed(ID, torrent);
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "--headless", "--data-dir", mirror.toString()).redirectErrorStream(true).start();
                Path log = mirror.resolve("logs").resolve("historian.log");
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(out.readLine()).startsWith("Historian is running without a window: 1 community");
                    try {
                        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(log)
                                && Files.readString(log).contains("mirror seeding; seeding " + infoHash));
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("the headless mirror did not seed " + infoHash + ":\n"
                                + (Files.exists(log) ? Files.readString(log) : "(no log)"), e);
                    }
                } finally {
                    process.destroy();
                    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
            }
            assertThat(Files.readAllBytes(mirror.resolve("archivedata").resolve(ID.hex()).resolve("data")))
                    .isEqualTo(Files.readAllBytes(owner.resolve("archivedata").resolve(ID.hex()).resolve("data")));
            // Nothing was published from the mirror: the node saw the owner's one post.
            assertThat(node.posts).hasSize(1);
            Result listed = ok(mirror, "mirror", "list");
            assertThat(listed.out()).contains("archives=3").contains("owner's link of").contains("polled ");
            assertThat(MagnetLink.parse(listed.out().lines().filter(line -> line.trim().startsWith("magnet:")).findFirst()
                    .orElseThrow().trim()).infoHash().hex()).isEqualTo(infoHash);
        }
    }
}
