package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.model.Community;
import org.historian.model.KeyKind;
import org.historian.model.SigningKey;
import org.historian.model.StoredMessage;
import org.historian.store.CommunityKeyRepository;
import org.historian.store.SettingsRepository;
import org.historian.testing.Aria2;
import org.historian.testing.LocalTracker;
import org.historian.testing.ServiceFixture;
import org.historian.testing.StatusPeer;
import org.historian.testing.TestData;
import org.historian.testing.WakuNetwork;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.MagnetLink;
import org.historian.waku.RandomBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirror mode over the real network: the owner's service publishes its links through go-waku
 * relay, the mirror reads them from go-waku's store and fetches from the owner; with the owner
 * stopped, a current Status member (anacrolix/torrent, reading the newest link from the store as a
 * member who joins later does) and aria2c download the whole history from the mirror alone.
 */
class RealNetworkMirrorTest {
    private static final char[] PASSPHRASE = "real network mirror".toCharArray();
    private final SigningKey key = TestData.communityKey(9191);
    private final Community community = new Community(key.asCommunityId(), "Mirrored over go-waku", List.of(), false, true, null);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path temp;
    private WakuNetwork network;
    private LocalTracker tracker;
    private ServiceFixture owner;
    private ServiceFixture mirror;

    @AfterEach
    void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[]{mirror, owner, tracker, network}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing what a failed test left
            }
        }
    }

    @Test
    void theMirrorFollowsTheOwnerThroughGoWakuAndServesAnAnacrolixMemberAndAria2WithTheOwnerStopped() throws Exception {
        network = WakuNetwork.start(temp.resolve("waku"));
        tracker = new LocalTracker();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long now = start.getEpochSecond();
        KeyVault[] vault = new KeyVault[1];
        owner = new ServiceFixture(temp.resolve("owner"), start, new BtTorrentEngine(temp.resolve("owner").resolve("archivedata"),
                Clock.systemUTC()), f -> {
            loopbackWithTracker(f);
            f.settings.set(Setting.WAKU_PUBLISH, "relay");
            f.settings.set(Setting.WAKU_NODE_URL, network.store().rest().toString());
            vault[0] = new KeyVault(new CommunityKeyRepository(f.store.database), f.clock);
            f.publisher = new WakuMagnetPublisher(f.settings, vault[0], NodeIdentity.loadOrCreate(new SettingsRepository(f.store.database)),
                    f.store.communities::find, f.store.events, f.clock, WakuMagnetPublisher.defaultClients(), RandomBytes.secure());
        });
        owner.store.communities.add(community);
        vault[0].importKey(community.id(), KeyKind.COMMUNITY, key, PASSPHRASE);
        owner.store.messages.insert(messages(now - 20 * TestData.DAY, now - TestData.HOUR, 50, "week"));
        owner.store.archiveInfo.setLastArchiveEndDate(community.id(), now - 21 * TestData.DAY);
        owner.service.start();
        owner.scheduler.runDue();
        assertThat(owner.store.ledger.list(community.id())).hasSize(3);
        String first = ownerInfoHash();

        mirror = new ServiceFixture(temp.resolve("mirror"), start, new BtTorrentEngine(temp.resolve("mirror").resolve("archivedata"),
                Clock.systemUTC()), f -> {
            loopbackWithTracker(f);
            f.settings.set(Setting.STORE_NODE_URL, network.store().rest().toString());
        });
        mirror.service.start();
        mirror.service.addMirror(new Community(community.id(), null, List.of(), false, true, null));
        followUntilSeeding(first);

        // The owner archives a new week and publishes it; the mirror's next poll, at most one interval later, moves to it.
        owner.store.messages.insert(messages(now + TestData.HOUR, now + 6 * TestData.DAY, 20, "new week"));
        owner.scheduler.advance(Duration.ofDays(7));
        String second = ownerInfoHash();
        assertThat(second).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedLinks() >= 2);
        long published = System.nanoTime();
        mirror.clock.set(owner.clock.instant());
        mirror.scheduler.advance(mirror.settings.mirrorPollInterval());
        followUntilSeeding(second);
        long seconds = Duration.ofNanos(System.nanoTime() - published).toMillis();
        System.out.printf("mirror: from the owner's publish to the mirror seeding the new week, not counting the wait for the "
                + "poll: %.2f s%n", seconds / 1000.0);
        assertThat(Files.readAllBytes(folder(mirror, "data"))).isEqualTo(Files.readAllBytes(folder(owner, "data")));

        // The owner stops. A member who joins now reads the newest link from the store and gets everything from the mirror.
        List<String> ids = ArchiveIndex.parse(Files.readAllBytes(folder(owner, "index"))).entries().stream()
                .sorted(java.util.Comparator.comparingLong(ArchiveIndexEntry::from)).map(ArchiveIndexEntry::archiveId).toList();
        owner.close();
        owner = null;
        await().atMost(Duration.ofSeconds(40)).until(() -> mirror.engine.stats(community.id())
                .map(stats -> stats.state() == org.historian.torrent.SeedingStats.State.SEEDING).orElse(false));
        String mirrorPeer = "127.0.0.1:" + mirror.service.snapshot().engine().port();
        try (StatusPeer member = StatusPeer.memberFromStore(network.store().rest(), community.id().hex(), mirrorPeer,
                temp.resolve("member"), 120, temp.resolve("member.log"))) {
            JsonNode link = member.until("link");
            assertThat(MagnetLink.parse(link.get("link").asText()).infoHash().hex()).isEqualTo(second);
            JsonNode downloaded = member.until("ok");
            List<String> got = new ArrayList<>();
            long count = 0;
            for (JsonNode archive : downloaded.get("archives")) {
                got.add(archive.get("id").asText());
                count += archive.get("messages").asLong();
            }
            assertThat(got).containsExactlyElementsOf(ids);
            assertThat(count).isEqualTo(70);
        }
        Path aria2 = Files.createDirectories(temp.resolve("aria2"));
        Aria2.run(aria2, 120, "--dir=" + aria2, "--seed-time=0", "--bt-tracker-interval=1", "--bt-tracker=" + tracker.url(),
                mirror.service.snapshot().communities().get(0).magnetUri());
        assertThat(Files.readAllBytes(aria2.resolve(community.id().hex()).resolve("data")))
                .isEqualTo(Files.readAllBytes(folder(mirror, "data")));
        assertThat(Files.readAllBytes(aria2.resolve(community.id().hex()).resolve("index")))
                .isEqualTo(Files.readAllBytes(folder(mirror, "index")));
    }

    private void loopbackWithTracker(ServiceFixture f) {
        f.settings.keepTorrentsOnLoopback();
        f.settings.set(Setting.TORRENT_TRACKERS, tracker.url());
    }

    private List<StoredMessage> messages(long from, long to, int count, String text) {
        List<StoredMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(TestData.message(from + (to - from) * i / count, community.id().universalTopic(), (text + " " + i + " ").repeat(300)
                    .getBytes()));
        }
        return list;
    }

    private String ownerInfoHash() {
        return MagnetLink.parse(owner.store.archiveInfo.get(community.id()).lastMagnetUri()).infoHash().hex();
    }

    private Path folder(ServiceFixture fixture, String file) {
        return fixture.store.archiveRoot().resolve(community.id().hex()).resolve(file);
    }

    private int storedLinks() throws InterruptedException {
        JsonNode stored = network.storedMessages(org.historian.waku.LinkChat.UNIVERSAL.wireContentTopic(community.id()));
        return stored == null || !stored.path("messages").isArray() ? 0 : stored.get("messages").size();
    }

    private CommunityStatus mirrorStatus() {
        return MirrorWatch.status(mirror, community.id());
    }

    private void followUntilSeeding(String infoHash) {
        MirrorWatch.untilSeeding(mirror, community.id(), infoHash, Duration.ofSeconds(90));
    }
}
