package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.Keccak256;
import org.historian.model.KeyKind;
import org.historian.model.SigningKey;
import org.historian.model.StoredMessage;
import org.historian.proto.ApplicationMetadataMessage;
import org.historian.proto.CommunityMessageArchiveLink;
import org.historian.proto.ProtocolMessage;
import org.historian.store.CommunityKeyRepository;
import org.historian.store.SettingsRepository;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.LocalTracker;
import org.historian.testing.PiecePlans;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.FetchResult;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentSettings;
import org.historian.waku.LinkChat;
import org.historian.waku.RandomBytes;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPayloadV1;
import org.historian.waku.WakuPublishClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirror mode over real parts: an owner's archive service publishing through a local nwaku-like
 * node, a mirror following it with its own Bt engine, both on 127.0.0.1 and finding each other
 * through a local tracker; the owner stops and a member still gets every archive from the mirror.
 */
class MirrorModeTest {
    private static final Instant T0 = Instant.parse("2024-03-04T12:00:00Z");
    private static final long NOW = T0.getEpochSecond();
    private static final char[] PASSPHRASE = "mirror test passphrase".toCharArray();

    @TempDir
    Path temp;

    private final SigningKey key = TestData.communityKey(310);
    private final Community community = TestData.community(310, TestData.TOPIC);
    private FakeNwakuNode node;
    private LocalTracker tracker;
    private ServiceFixture owner;
    private ServiceFixture mirror;

    @BeforeEach
    void ownerArchivesSeedsAndPublishes() throws Exception {
        node = new FakeNwakuNode().storeWhatIsPublished();
        tracker = new LocalTracker();
        KeyVault[] vault = new KeyVault[1];
        owner = new ServiceFixture(temp.resolve("owner"), T0, new BtTorrentEngine(temp.resolve("owner").resolve("archivedata"),
                Clock.systemUTC()), f -> {
            loopbackWithTracker(f);
            f.settings.set(Setting.WAKU_PUBLISH, "relay");
            f.settings.set(Setting.WAKU_NODE_URL, node.url().toString());
            vault[0] = new KeyVault(new CommunityKeyRepository(f.store.database), f.clock);
            f.publisher = new WakuMagnetPublisher(f.settings, vault[0], NodeIdentity.loadOrCreate(new SettingsRepository(f.store.database)),
                    f.store.communities::find, f.store.events, f.clock, WakuMagnetPublisher.defaultClients(), RandomBytes.secure());
        });
        owner.store.communities.add(community);
        vault[0].importKey(community.id(), KeyKind.COMMUNITY, key, PASSPHRASE);
        owner.store.messages.insert(messages(NOW - 20 * TestData.DAY, NOW - TestData.HOUR, 60));
        owner.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 21 * TestData.DAY);
        owner.service.start();
        owner.scheduler.runDue();
        assertThat(owner.store.ledger.list(community.id())).hasSize(3);
        assertThat(node.posts).hasSize(1);

        mirror = new ServiceFixture(temp.resolve("mirror"), T0, new BtTorrentEngine(temp.resolve("mirror").resolve("archivedata"),
                Clock.systemUTC()), f -> {
            loopbackWithTracker(f);
            f.settings.set(Setting.STORE_NODE_URL, node.url().toString());
        });
        mirror.service.start();
        mirror.scheduler.runDue();
    }

    private void loopbackWithTracker(ServiceFixture f) {
        f.settings.keepTorrentsOnLoopback();
        f.settings.set(Setting.TORRENT_TRACKERS, tracker.url());
    }

    @AfterEach
    void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[]{mirror, owner, tracker, node}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing what a failed test left
            }
        }
    }

    private List<StoredMessage> messages(long from, long to, int count) {
        List<StoredMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(TestData.message(from + (to - from) * i / count, ("mirrored message " + i + " ").repeat(200).getBytes()));
        }
        return list;
    }

    private CommunityStatus mirrorStatus() {
        return MirrorWatch.status(mirror, community.id());
    }

    private String ownerInfoHash() {
        return MagnetLink.parse(owner.store.archiveInfo.get(community.id()).lastMagnetUri()).infoHash().hex();
    }

    private Path folder(ServiceFixture fixture, String file) {
        return fixture.store.archiveRoot().resolve(community.id().hex()).resolve(file);
    }

    private void followUntilSeeding(String infoHash) {
        MirrorWatch.untilSeeding(mirror, community.id(), infoHash, Duration.ofSeconds(60));
    }

    @Test
    void aMirrorFollowsTheOwnersLinksAndServesAMemberWhileTheOwnerIsOffline() throws Exception {
        mirror.service.addMirror(new Community(community.id(), null, List.of(), false, true, null));
        mirror.scheduler.runDue();
        followUntilSeeding(ownerInfoHash());
        assertThat(Files.readAllBytes(folder(mirror, "data"))).isEqualTo(Files.readAllBytes(folder(owner, "data")));
        assertThat(Files.readAllBytes(folder(mirror, "index"))).isEqualTo(Files.readAllBytes(folder(owner, "index")));
        assertThat(mirrorStatus().isMirror()).isTrue();
        assertThat(mirrorStatus().mirror().linkSentAt()).isNotNull();
        assertThat(mirror.store.ledger.list(community.id())).as("a mirror archives nothing itself").isEmpty();

        // The owner archives a new week and publishes its link: the next poll fetches only that week and the index.
        String firstHash = ownerInfoHash();
        long dataBefore = Files.size(folder(mirror, "data"));
        owner.store.messages.insert(messages(NOW + TestData.HOUR, NOW + 6 * TestData.DAY, 30));
        owner.scheduler.advance(Duration.ofDays(7));
        assertThat(owner.store.ledger.list(community.id())).hasSize(4);
        String secondHash = ownerInfoHash();
        assertThat(secondHash).isNotEqualTo(firstHash);
        // The mirror's clock follows (an archive ending in its future would be refused); the poll due at once finds the link.
        mirror.clock.set(owner.clock.instant());
        mirror.scheduler.runDue();
        followUntilSeeding(secondHash);
        assertThat(Files.readAllBytes(folder(mirror, "data"))).isEqualTo(Files.readAllBytes(folder(owner, "data")));
        assertThat(Files.size(folder(mirror, "data"))).isGreaterThan(dataBefore);
        // The old torrent was unseeded only once the new one was complete and verified.
        List<EventType> order = mirror.store.emitted.stream().filter(e -> community.id().equals(e.community()))
                .map(HistorianEvent::type).toList();
        int finished = order.lastIndexOf(EventType.DOWNLOADING_FINISHED);
        int unseeded = order.lastIndexOf(EventType.ARCHIVES_UNSEEDED);
        assertThat(finished).isPositive().isLessThan(unseeded);
        assertThat(order.subList(order.lastIndexOf(EventType.DOWNLOADING_STARTED), order.size()))
                .containsSubsequence(EventType.ARCHIVE_DOWNLOADED, EventType.DOWNLOADING_FINISHED, EventType.ARCHIVES_UNSEEDED,
                        EventType.ARCHIVES_SEEDING);
        assertThat(mirror.store.emitted).as("a mirror never publishes (nor records) links")
                .noneMatch(e -> e.type() == EventType.MAGNET_PUBLISHED || e.type() == EventType.MAGNET_RECORDED);

        // The owner goes offline; a member fetching the owner's link gets every archive from the mirror alone.
        owner.close();
        owner = null;
        Path memberRoot = temp.resolve("member");
        try (BtTorrentEngine member = new BtTorrentEngine(memberRoot, Clock.systemUTC())) {
            member.start(TorrentSettings.loopback(List.of(tracker.url())));
            FetchResult result = member.fetch(FetchRequest.ofMagnet(community.id(), MagnetLink.parse(mirrorStatus().magnetUri()),
                    memberRoot, PiecePlans.all(), Duration.ofSeconds(30), null)).result().get(2, TimeUnit.MINUTES);
            assertThat(result.downloaded()).hasSize(4);
            assertThat(Files.readAllBytes(memberRoot.resolve(community.id().hex()).resolve("data")))
                    .isEqualTo(Files.readAllBytes(folder(mirror, "data")));
        }
    }

    @Test
    void linksTheMirrorMustRefuseAreLoggedWithTheirReasonAndWhatItSeedsKeepsSeeding() throws Exception {
        mirror.service.addMirror(new Community(community.id(), null, List.of(), false, true, null));
        mirror.scheduler.runDue();
        String seeded = ownerInfoHash();
        followUntilSeeding(seeded);

        // Signed by someone else, with a clock far above the owner's: members drop it, and so does the mirror.
        WakuPublishClient relay = new WakuPublishClient(node.url(), WakuPublishClient.Mode.RELAY, WakuPublishClient.Options.defaults());
        relay.publish(forgedLink("magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=" + community.id().hex()));
        // Signed by the community, but naming another community's torrent: the torrent is refused for its name.
        Community other = TestData.community(311, TestData.TOPIC);
        owner.store.communities.add(other);
        owner.store.messages.insert(List.of(TestData.message(NOW - 2 * TestData.DAY, "other".getBytes())));
        owner.store.runner.run(other, NOW - 3 * TestData.DAY, NOW, 7 * 86_400, org.historian.archive.RunListener.NONE);
        owner.engine.seed(other.id(), owner.store.torrents.current(other.id()).orElseThrow().bytes());
        String otherLink = owner.store.torrents.current(other.id()).orElseThrow().magnet().format();
        owner.publisher.publish(community.id(), otherLink, owner.store.archiveInfo.get(community.id()).nextMagnetClock(
                owner.clock.millis()) + 10);

        mirror.service.archiveNow(community.id()); // "check now"
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            mirror.scheduler.runDue();
            return mirrorStatus().mirror().state() == MirrorStatus.State.REFUSED;
        });
        CommunityStatus status = mirrorStatus();
        assertThat(status.mirror().detail()).contains("could not be fetched").contains(other.id().hex())
                .contains("the torrent held keeps seeding");
        assertThat(status.infoHash()).isEqualTo(seeded);
        assertThat(mirror.engine.stats(community.id())).get().satisfies(s -> assertThat(s.infoHash().hex()).isEqualTo(seeded));
        List<String> errors = mirror.store.emitted.stream().filter(e -> e.type() == EventType.ERROR).map(HistorianEvent::detail).toList();
        assertThat(errors).anySatisfy(detail -> assertThat(detail).startsWith("mirror: a link was refused")
                .contains("not by the community key"));
        assertThat(errors).anySatisfy(detail -> assertThat(detail).contains("could not be fetched"));

        // Polled again, a refused torrent is not fetched again and each reason is logged once.
        long errorsBefore = mirror.store.emitted.stream().filter(e -> e.type() == EventType.ERROR).count();
        mirror.scheduler.advance(mirror.settings.mirrorPollInterval());
        assertThat(mirror.store.emitted.stream().filter(e -> e.type() == EventType.ERROR).count()).isEqualTo(errorsBefore);
        assertThat(mirrorStatus().infoHash()).isEqualTo(seeded);
    }

    @Test
    void aTorrentWhoseArchivesDoNotVerifyAndAMagnetThatNeverResolvesAreRefused() throws Exception {
        // The owner's second archive is damaged on its disk and seeded as it is, under a new link: the pieces match their
        // hashes, but the archive does not parse. A new mirror fetches it whole, checks it and refuses it.
        Path ownerData = folder(owner, "data");
        org.historian.archive.ArchiveIndexEntry second = org.historian.archive.ArchiveIndex.parse(Files.readAllBytes(folder(owner,
                "index"))).entries().stream().sorted(java.util.Comparator.comparingLong(org.historian.archive.ArchiveIndexEntry::from))
                .toList().get(1);
        byte[] data = Files.readAllBytes(ownerData);
        data[(int) second.offset()] = (byte) 0xff;
        Files.write(ownerData, data);
        Files.delete(owner.store.torrents.torrentFile(community.id()));
        new org.historian.store.PieceHashRepository(owner.store.database).delete(community.id());
        TorrentService.CommunityTorrent damaged = owner.store.torrents.current(community.id()).orElseThrow();
        owner.engine.seed(community.id(), damaged.bytes());
        owner.publisher.publish(community.id(), damaged.magnet().format(),
                owner.store.archiveInfo.get(community.id()).nextMagnetClock(owner.clock.millis()) + 20);

        mirror.service.addMirror(new Community(community.id(), null, List.of(), false, true, null));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            mirror.scheduler.runDue();
            return mirrorStatus().mirror().state() == MirrorStatus.State.REFUSED;
        });
        assertThat(mirrorStatus().mirror().detail()).contains(damaged.infoHash().hex()).contains("was fetched but refused")
                .contains("archive " + second.archiveId());
        assertThat(mirrorStatus().infoHash()).isNull();
        assertThat(mirror.engine.stats(community.id())).isEmpty();
        assertThat(Files.exists(folder(mirror, "index"))).as("nothing refused moves into the mirror's folder").isFalse();

        // A link to a torrent no peer has: the metadata never comes; it is tried again at the next poll.
        Duration metadata = MirrorFollower.metadataTimeout;
        MirrorFollower.metadataTimeout = Duration.ofSeconds(2);
        try {
            owner.publisher.publish(community.id(), "magnet:?xt=urn:btih:" + "cd".repeat(20) + "&dn=" + community.id().hex(),
                    owner.store.archiveInfo.get(community.id()).nextMagnetClock(owner.clock.millis()) + 30);
            mirror.service.archiveNow(community.id());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                mirror.scheduler.runDue();
                return mirrorStatus().mirror().detail().contains("cd".repeat(20));
            });
        } finally {
            MirrorFollower.metadataTimeout = metadata;
        }
        assertThat(mirrorStatus().mirror().state()).isEqualTo(MirrorStatus.State.REFUSED);
        assertThat(mirrorStatus().mirror().detail()).contains("could not be fetched").contains("metadata")
                .contains("tried again at the next poll");
    }

    /** A link on the universal chat signed with a key that is not the community's. */
    private WakuMessage forgedLink(String magnet) {
        byte[] link = CommunityMessageArchiveLink.newBuilder().setClock(Long.MAX_VALUE / 2).setArchiveLink(magnet).build().toByteArray();
        ApplicationMetadataMessage layer2 = ApplicationMetadataMessage.newBuilder().setPayload(ByteString.copyFrom(link))
                .setSignature(ByteString.copyFrom(TestData.communityKey(312).sign(Keccak256.hash(link))))
                .setType(ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_LINK).build();
        byte[] layer3 = ProtocolMessage.newBuilder().setInstallationId("a forger").setPublicMessage(layer2.toByteString()).build()
                .toByteArray();
        byte[] payload = WakuPayloadV1.encrypt(layer3, TestData.communityKey(313), LinkChat.UNIVERSAL.symmetricKey(community.id()),
                RandomBytes.secure());
        return new WakuMessage(community.pubsubTopic(), LinkChat.UNIVERSAL.wireContentTopic(community.id()), payload, 1,
                (NOW + 60) * 1_000_000_000L, new byte[0]);
    }
}
