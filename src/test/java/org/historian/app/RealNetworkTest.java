package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.historian.app.CommandRun.Result;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveReader;
import org.historian.archive.DiskFileSystem;
import org.historian.model.CommunityId;
import org.historian.model.Hex;
import org.historian.model.SigningKey;
import org.historian.testing.StatusPeer;
import org.historian.testing.TestData;
import org.historian.testing.WakuNetwork;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.TorrentSettings;
import org.historian.waku.LinkChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Historian's command line against the real network stack on 127.0.0.1: two go-waku nodes
 * connected by relay (one with a store and the lightpush service), a sender that encrypts as
 * status-go does, a current Status member that downloads with anacrolix/torrent as status-go
 * configures it, and an anacrolix seeder of a folder written by the spec's rules. No stand-ins.
 */
class RealNetworkTest {
    private static final long SEED = 7777;
    private static final SigningKey KEY = TestData.communityKey(SEED);
    private static final CommunityId ID = KEY.asCommunityId();

    @TempDir
    Path temp;
    private WakuNetwork network;
    private Path passphrase;

    @BeforeEach
    void network() throws Exception {
        network = WakuNetwork.start(temp.resolve("waku"));
        passphrase = Files.writeString(temp.resolve("passphrase"), "a long enough passphrase\n");
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private Result cli(String... args) {
        Result result = CommandRun.run(temp.resolve("data"), args);
        return result;
    }

    private Result ok(String... args) {
        Result result = cli(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ":\n" + result.out() + result.err()).isZero();
        return result;
    }

    /** The community added by its ID alone, its key imported, messages sent by a Status client synced from the store node. */
    private JsonNode communityWithSyncedMessages(int count) throws Exception {
        ok("community", "add", "--id", ID.hex(), "--name", "Real network");
        Path key = Files.writeString(temp.resolve("key"), Hex.encodeBare(KEY.privateKeyBytes()) + "\n");
        ok("key", "import", "--community", ID.hex(), "--key-file", key.toString(), "--passphrase-file", passphrase.toString());
        JsonNode sent = StatusPeer.send(network.store().rest(), ID.hex(), count, temp.resolve("send.log"));
        assertThat(sent.get("contentTopic").asText()).isEqualTo(LinkChat.UNIVERSAL.wireContentTopic(ID));
        // The node stores what it relays a moment later.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> storedCount() == count);
        // A run archives whole seconds up to now: let the second of the last message pass.
        long sentAt = java.time.Instant.now().getEpochSecond();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> java.time.Instant.now().getEpochSecond() > sentAt);
        return sent;
    }

    @Test
    void syncPullsWhatAStatusClientSentOnTheUniversalChatAndArchivesIt() throws Exception {
        JsonNode sent = communityWithSyncedMessages(25);
        Result synced = ok("sync", "--community", ID.hex(), "--node", network.store().rest().toString());
        assertThat(synced.out()).contains("Fetched 25 messages from the store node at " + network.store().rest()).contains("25 were new");
        // The hashes Historian keys them by are the ones go-waku computes for the same messages.
        Path exported = temp.resolve("exported.ndjson");
        ok("export", "--community", ID.hex(), "--output", exported.toString());
        Set<String> stored = new TreeSet<>();
        for (String line : Files.readAllLines(exported, StandardCharsets.UTF_8)) {
            stored.add(org.historian.waku.NdjsonFormat.parse(line).hash().length == 32
                    ? Hex.encode(org.historian.waku.NdjsonFormat.parse(line).hash()) : "");
        }
        Set<String> sentHashes = new TreeSet<>();
        sent.get("hashes").forEach(hash -> sentHashes.add(hash.asText()));
        assertThat(stored).isEqualTo(sentHashes);
        // A second sync finds nothing new.
        assertThat(ok("sync", "--community", ID.hex(), "--node", network.store().rest().toString()).out()).contains("0 were new");

        assertThat(ok("archive", "--community", ID.hex()).out()).contains("Created 1 archives");
        ArchiveIndex index = ArchiveIndex.parse(Files.readAllBytes(folder().index()));
        assertThat(index.entries()).isNotEmpty().allSatisfy(entry -> assertThat(entry.contentTopicsHex())
                .containsExactly(ID.universalTopic().hex()));
        long archived = 0;
        for (ArchiveIndexEntry entry : index.entries()) {
            archived += new ArchiveReader(new DiskFileSystem()).countMessages(folder(), entry);
        }
        assertThat(archived).isEqualTo(25);
    }

    @Test
    void aStatusMemberAcceptsTheLinkHistorianPublishesAndDownloadsTheArchivesWithAnacrolix() throws Exception {
        communityWithSyncedMessages(40);
        ok("sync", "--community", ID.hex(), "--node", network.store().rest().toString());
        ok("archive", "--community", ID.hex());
        byte[] torrent = Files.readAllBytes(temp.resolve("data").resolve("torrents").resolve(ID.hex() + ".torrent"));
        try (BtTorrentEngine seeder = new BtTorrentEngine(temp.resolve("data").resolve("archivedata"), Clock.systemUTC())) {
            EngineStatus status = seeder.start(TorrentSettings.loopback(List.of()));
            seeder.seed(ID, torrent);
            // A member of current Status, subscribed on the other node of the network.
            try (StatusPeer member = StatusPeer.member(network.edge().rest(), ID.hex(), "127.0.0.1:" + status.port(),
                    temp.resolve("member"), 180, temp.resolve("member.log"))) {
                member.until("subscribed");
                Result published = ok("publish", "--community", ID.hex(), "--node", network.store().rest().toString(), "--mode",
                        "relay", "--passphrase-file", passphrase.toString());
                assertThat(published.out()).contains("Published to the Waku node at " + network.store().rest() + " (relay)");
                JsonNode link = member.until("link");
                assertThat(link.get("link").asText()).startsWith("magnet:?xt=urn:btih:").contains("&dn=" + ID.hex());
                JsonNode downloaded = member.until("ok");
                List<String> ids = new ArrayList<>();
                long messages = 0;
                for (JsonNode archive : downloaded.get("archives")) {
                    ids.add(archive.get("id").asText());
                    messages += archive.get("messages").asLong();
                }
                ArchiveIndex index = ArchiveIndex.parse(Files.readAllBytes(folder().index()));
                assertThat(ids).containsExactlyElementsOf(index.entries().stream().map(ArchiveIndexEntry::archiveId).toList());
                assertThat(messages).isEqualTo(40);
            }
        }
        // The store node holds the link: read back as a member would.
        Result verified = cli("verify-publication", "--community", ID.hex(), "--node", network.store().rest().toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("ACCEPTED: Members accept the newest link on the universal chat");

        // Through lightpush on the edge node, the link reaches the store node's store as well.
        ok("publish", "--community", ID.hex(), "--node", network.edge().rest().toString(), "--mode", "lightpush", "--passphrase-file",
                passphrase.toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> links() == 2);
        Result again = ok("verify-publication", "--community", ID.hex(), "--node", network.edge().rest().toString());
        assertThat(again.out()).contains("ACCEPTED").contains("2 link(s) members accept");
    }

    @Test
    void historianFetchesAFolderAnAnacrolixPeerSeedsAndImportsEveryMessageOnce() throws Exception {
        try (StatusPeer seeder = StatusPeer.seed(Hex.encodeBare(KEY.privateKeyBytes()), temp.resolve("anacrolix"), 3,
                temp.resolve("seed.log"))) {
            JsonNode seeding = seeder.until("magnet");
            assertThat(seeding.get("community").asText()).isEqualTo(ID.hex());
            // status-go's quirk: an archive of exactly three pieces gets a whole fourth piece of zeros.
            assertThat(seeding.get("paddings").toString()).contains("102400");
            long sent = seeding.get("messages").asLong();
            String peer = "127.0.0.1:" + seeding.get("port").asInt();
            ok("community", "add", "--id", ID.hex());
            Result fetched = ok("fetch", "--community", ID.hex(), "--magnet", seeding.get("magnet").asText(), "--peer", peer);
            assertThat(fetched.out()).contains("Fetched 3 archives").contains("imported " + sent + " new messages");
            Result again = ok("fetch", "--community", ID.hex(), "--magnet", seeding.get("magnet").asText(), "--peer", peer);
            assertThat(again.out()).contains("Fetched 0 archives").contains("imported 0 new messages");
            assertThat(ok("inspect", "--community", ID.hex()).out()).contains("\"ok\" : true");
        }
    }

    @Test
    void onAProtectedShardRelayTakesTheLinkSignedWithTheShardKeyAndRefusesItWithout() throws Exception {
        network.close();
        SigningKey shardKey = TestData.communityKey(SEED + 1);
        network = WakuNetwork.startProtected(temp.resolve("protected"), Hex.encodeBare(shardKey.uncompressedPublicKey()));
        communityWithSyncedMessagesOnProtectedShard();
        // Without the shard key, go-waku takes the request (200) and its validator drops the message: it never reaches the
        // store, and verify-publication says so.
        ok("publish", "--community", ID.hex(), "--node", network.store().rest().toString(), "--mode", "relay", "--passphrase-file",
                passphrase.toString());
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(5))
                .until(() -> links() == 0);
        Result unseen = cli("verify-publication", "--community", ID.hex(), "--node", network.store().rest().toString());
        assertThat(unseen.exitCode()).isEqualTo(1);
        assertThat(unseen.out()).contains("NOT ACCEPTED").contains("holds no archive link");

        Path shard = Files.writeString(temp.resolve("shard-key"), Hex.encodeBare(shardKey.privateKeyBytes()) + "\n");
        ok("key", "import", "--community", ID.hex(), "--shard-key", "--key-file", shard.toString(), "--passphrase-file",
                passphrase.toString());
        ok("publish", "--community", ID.hex(), "--node", network.edge().rest().toString(), "--mode", "relay", "--passphrase-file",
                passphrase.toString());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> links() == 1);
        assertThat(ok("verify-publication", "--community", ID.hex(), "--node", network.store().rest().toString()).out())
                .contains("ACCEPTED: Members accept the newest link on the universal chat");
    }

    /** A community with an archive, its community key imported, on a shard whose relays check meta. */
    private void communityWithSyncedMessagesOnProtectedShard() throws Exception {
        ok("community", "add", "--id", ID.hex());
        Path key = Files.writeString(temp.resolve("key"), Hex.encodeBare(KEY.privateKeyBytes()) + "\n");
        ok("key", "import", "--community", ID.hex(), "--key-file", key.toString(), "--passphrase-file", passphrase.toString());
        Path messages = Files.writeString(temp.resolve("m.ndjson"), org.historian.waku.NdjsonFormat.format(TestData.message(
                TestData.JAN_1_2020 + 5, ID.universalTopic(), new byte[]{7})) + "\n");
        ok("import", messages.toString());
        ok("archive", "--community", ID.hex(), "--to", "2020-01-08T00:00:00Z");
    }

    private ArchiveFolder folder() {
        return ArchiveFolder.of(temp.resolve("data").resolve("archivedata"), ID);
    }

    private int storedCount() throws InterruptedException {
        JsonNode stored = network.storedMessages(LinkChat.UNIVERSAL.wireContentTopic(ID));
        return stored == null || !stored.path("messages").isArray() ? 0 : stored.get("messages").size();
    }

    private int links() throws InterruptedException {
        JsonNode stored = network.storedMessages(LinkChat.UNIVERSAL.wireContentTopic(ID));
        int count = 0;
        if (stored != null && stored.get("messages") != null && stored.get("messages").isArray()) {
            for (JsonNode message : stored.get("messages")) {
                try {
                    org.historian.waku.ArchiveLinkMessage.read(ID, message.get("contentTopic").asText(),
                            java.util.Base64.getDecoder().decode(message.get("payload").asText()));
                    count++;
                } catch (org.historian.waku.WakuMessageException e) {
                    // a chat message of the community
                }
            }
        }
        return count;
    }
}
