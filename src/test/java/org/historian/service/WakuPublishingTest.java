package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import org.historian.model.SigningKey;
import org.historian.store.CommunityKeyRepository;
import org.historian.store.SettingsRepository;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.historian.testing.TestData;
import java.util.Optional;
import org.historian.waku.LinkChat;
import org.historian.waku.WakuPayloadV1;
import org.historian.proto.ApplicationMetadataMessage;
import org.historian.proto.CommunityMessageArchiveLink;
import org.historian.proto.ProtocolMessage;
import com.google.protobuf.ByteString;
import org.historian.model.Keccak256;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessage;
import org.historian.waku.RandomBytes;
import org.historian.waku.WakuPublishClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service publishing through the Waku publisher to a local nwaku-like node, in virtual time. */
class WakuPublishingTest extends ArchiveServiceTestBase {
    private static final char[] PASSPHRASE = "publishing passphrase".toCharArray();
    private final SigningKey key = TestData.communityKey(300);
    private FakeNwakuNode node;
    private KeyVault vault;

    @BeforeEach
    void setUp() throws Exception {
        node = new FakeNwakuNode();
        fixture = new org.historian.testing.ServiceFixture(temp, T0, engine, f -> {
            f.settings.set(Setting.WAKU_PUBLISH, "relay");
            f.settings.set(Setting.WAKU_NODE_URL, node.url().toString());
            vault = new KeyVault(new CommunityKeyRepository(f.store.database), f.clock);
            f.publisher = new WakuMagnetPublisher(f.settings, vault, NodeIdentity.loadOrCreate(new SettingsRepository(f.store.database)),
                    f.store.communities::find, f.store.events, f.clock, (url, mode) -> new WakuPublishClient(url, mode,
                    new WakuPublishClient.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(5),
                            Duration.ofMillis(10))), RandomBytes.secure());
        });
        fixture.store.communities.add(community);
        vault.onChange(fixture.service::publishNow);
        messagesAt(NOW - TestData.DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 10 * TestData.DAY);
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void withoutAKeyTheLinkIsSeededButNotPublishedAndTheStatusSaysWhy() throws Exception {
        startService();
        assertThat(status().magnetUri()).startsWith("magnet:?xt=urn:btih:");
        assertThat(status().publication().state()).isEqualTo(Publication.State.FAILED);
        assertThat(status().publication().detail()).contains("no community key has been imported")
                .contains("historian key import --community " + community.id().hex());
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isZero();
        assertThat(node.posts).isEmpty();

        vault.importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, key, PASSPHRASE);
        fixture.scheduler.runDue();

        assertThat(node.posts).hasSize(1);
        assertThat(status().publication().state()).isEqualTo(Publication.State.PUBLISHED);
        byte[] payload = Base64.getDecoder().decode(node.posts.get(0).json().get("payload").asText());
        ArchiveLinkMessage.Received received = ArchiveLinkMessage.read(community.id(),
                node.posts.get(0).json().get("contentTopic").asText(), payload);
        assertThat(received.magnetUri()).isEqualTo(status().magnetUri());
        assertThat(received.clock()).isEqualTo(fixture.store.archiveInfo.get(community.id()).magnetClock()).isPositive();
        assertThat(node.posts.get(0).rawPath()).isEqualTo("/relay/v1/messages/%2Fwaku%2F2%2Frs%2F16%2F32");
        assertThat(node.posts.get(0).json().get("timestamp").asLong()).isEqualTo(fixture.clock.instant().getEpochSecond() * 1_000_000_000L);
    }

    @Test
    void aLockedKeyIsReportedAndUnlockingPublishes() throws Exception {
        vault.importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, key, PASSPHRASE);
        vault.lock();
        startService();
        assertThat(status().publication().detail()).contains("the community key is locked");
        vault.unlock(PASSPHRASE);
        fixture.scheduler.runDue();
        assertThat(status().publication().state()).isEqualTo(Publication.State.PUBLISHED);
        assertThat(node.posts).hasSize(1);
    }

    @Test
    void aNodeThatIsDownIsRetriedWithBackoffAndTheClockWaitsForSuccess() throws Exception {
        vault.importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, key, PASSPHRASE);
        node.health(Answer.status(503, "starting"));
        startService();
        Publication failed = status().publication();
        assertThat(failed.state()).isEqualTo(Publication.State.FAILED);
        assertThat(failed.detail()).contains("is not ready: 503 starting");
        assertThat(failed.nextAttempt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        fixture.scheduler.advance(Duration.ofMinutes(1));
        assertThat(status().publication().nextAttempt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isZero();

        node.health(Answer.json("{\"nodeHealth\":\"Ready\"}"));
        fixture.scheduler.advance(Duration.ofMinutes(2));
        assertThat(status().publication().state()).isEqualTo(Publication.State.PUBLISHED);
        assertThat(status().publication().detail()).contains("published to the Waku network via " + node.url() + " (relay)");
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isEqualTo(T0.plus(Duration.ofMinutes(3)).toEpochMilli());
        assertThat(fixture.store.emitted).filteredOn(e -> e.detail() != null && e.detail().contains("could not be published")).hasSize(1);
    }

    @Test
    void withPublishingOffTheLinkIsRecordedOnlyAndTheStatusSaysSo() {
        fixture.settings.set(Setting.WAKU_PUBLISH, "off");
        startService();
        assertThat(status().publication().state()).isEqualTo(Publication.State.RECORDED_ONLY);
        assertThat(status().publication().detail()).contains("publishing is off");
        assertThat(node.posts).isEmpty();
    }

    @Test
    void verificationReadsTheChannelAsAMemberDoes() throws Exception {
        vault.importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, key, PASSPHRASE);
        node.storeWhatIsPublished();
        startService();
        PublicationVerifier verifier = new PublicationVerifier(fixture.store.communities, fixture.store.archiveInfo,
                id -> fixture.store.torrents.current(id).map(TorrentService.CommunityTorrent::infoHash), fixture.settings);
        StoreNodeClient store = new StoreNodeClient(node.url(), StoreNodeClient.Options.defaults());
        PublicationVerifier.Verification accepted = verifier.verify(community.id(), store);
        assertThat(accepted.accepted()).as(accepted.details().toString()).isTrue();
        assertThat(accepted.summary()).contains("the torrent seeded now");

        // Someone else posts a link on the universal chat with a newer clock, signed with another key: members drop it,
        // the community's link stands. A chat message of the community beside it is no link at all.
        WakuPublishClient relay = new WakuPublishClient(node.url(), WakuPublishClient.Mode.RELAY, WakuPublishClient.Options.defaults());
        byte[] forgedLink = CommunityMessageArchiveLink.newBuilder().setClock(Long.MAX_VALUE / 2).setArchiveLink(status().magnetUri())
                .build().toByteArray();
        relay.publish(onUniversalChat(ApplicationMetadataMessage.newBuilder().setPayload(ByteString.copyFrom(forgedLink))
                .setSignature(ByteString.copyFrom(TestData.communityKey(301).sign(Keccak256.hash(forgedLink))))
                .setType(ApplicationMetadataMessage.Type.COMMUNITY_MESSAGE_ARCHIVE_LINK).build(), 2_000_000_000_000_000_000L));
        relay.publish(onUniversalChat(ApplicationMetadataMessage.newBuilder().setPayload(ByteString.copyFromUtf8("gm"))
                .setTypeValue(1).build(), 2_000_000_000_000_000_001L));
        PublicationVerifier.Verification withForgery = verifier.verify(community.id(), store);
        assertThat(withForgery.accepted()).isTrue();
        assertThat(withForgery.details()).anySatisfy(detail -> assertThat(detail).contains("is dropped by members")
                .contains("not by the community key"));
        assertThat(withForgery.details()).anySatisfy(detail -> assertThat(detail).startsWith("the universal chat")
                .contains("1 other message(s) of the community"));

        // A new week is archived but its link cannot be published: the node still offers the old torrent.
        node.thenOnPublish(Answer.status(400, "no peers")).thenOnPublish(Answer.status(400, "no peers"));
        fixture.scheduler.advance(Duration.ofHours(1));
        messagesAt(fixture.clock.instant().getEpochSecond() - 10);
        fixture.service.archiveNow(community.id());
        fixture.scheduler.runDue();
        PublicationVerifier.Verification stale = verifier.verify(community.id(), store);
        assertThat(stale.accepted()).isFalse();
        assertThat(status().publication().state()).isEqualTo(Publication.State.FAILED);
        assertThat(stale.summary()).contains("not the torrent seeded now");
    }

    /** A message of the community's universal chat as a Status client sends it: layer 3 around the given layer 2. */
    private WakuMessage onUniversalChat(ApplicationMetadataMessage layer2, long timestampNanos) {
        byte[] layer3 = ProtocolMessage.newBuilder().setInstallationId("another client").setPublicMessage(layer2.toByteString()).build()
                .toByteArray();
        byte[] payload = WakuPayloadV1.encrypt(layer3, TestData.communityKey(302), LinkChat.UNIVERSAL.symmetricKey(community.id()),
                RandomBytes.secure());
        return new WakuMessage(community.pubsubTopic(), LinkChat.UNIVERSAL.wireContentTopic(community.id()), payload, 1, timestampNanos,
                new byte[0]);
    }
}
