package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.historian.model.Community;
import org.historian.model.SigningKey;
import org.historian.store.CommunityKeyRepository;
import org.historian.store.LedgerEntry;
import org.historian.store.SettingsRepository;
import org.historian.testing.RecordingTorrentEngine;
import org.historian.testing.ServiceFixture;
import org.historian.testing.StatusPeer;
import org.historian.testing.TestData;
import org.historian.testing.WakuNetwork;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.LinkChat;
import org.historian.waku.RandomBytes;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessageException;
import org.historian.waku.WakuPublishClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive service on virtual time over a real Waku network of go-waku nodes: before its
 * scheduled run it syncs what a Status client sent on the universal chat from the store node,
 * archives it, publishes the archive link through relay, and publishes it again a day later; the
 * store holds both links and a member's reading accepts the newest.
 */
class RealNetworkServiceTest {
    private static final char[] PASSPHRASE = "real network passphrase".toCharArray();
    private final SigningKey key = TestData.communityKey(9090);
    private final Community community = new Community(key.asCommunityId(), "Service over go-waku", List.of(), false, true, null);

    @TempDir
    Path temp;
    private WakuNetwork network;
    private ServiceFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void theScheduledRunSyncsArchivesAndPublishesThroughTheRealNetworkAndRepublishesADayLater() throws Exception {
        network = WakuNetwork.start(temp.resolve("waku"));
        StatusPeer.send(network.edge().rest(), community.id().hex(), 12, temp.resolve("send.log"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(network.storedMessages(universalTopic())) == 12);
        KeyVault[] vault = new KeyVault[1];
        // Virtual time starts now, so that the node's messages lie in the week the service archives.
        fixture = new ServiceFixture(temp.resolve("historian"), Instant.now().truncatedTo(ChronoUnit.SECONDS), new RecordingTorrentEngine(),
                f -> {
                    f.settings.set(Setting.STORE_NODE_URL, network.store().rest().toString());
                    f.settings.set(Setting.WAKU_PUBLISH, "relay");
                    f.settings.set(Setting.WAKU_NODE_URL, network.store().rest().toString());
                    f.source = new StoreNodeClient(network.store().rest(), StoreNodeClient.Options.defaults());
                    vault[0] = new KeyVault(new CommunityKeyRepository(f.store.database), f.clock);
                    f.publisher = new WakuMagnetPublisher(f.settings, vault[0], NodeIdentity.loadOrCreate(new SettingsRepository(
                            f.store.database)), f.store.communities::find, f.store.events, f.clock, WakuMagnetPublisher.defaultClients(),
                            RandomBytes.secure());
                });
        fixture.store.communities.add(community);
        vault[0].importKey(community.id(), org.historian.model.KeyKind.COMMUNITY, key, PASSPHRASE);
        // Start-up syncs from the store node; the oldest message is less than a week old, so one run is due a week
        // after it (spec §5.2, case 2).
        fixture.service.start();
        fixture.scheduler.runDue();
        assertThat(archived()).isZero();

        // That run syncs first, archives the week and publishes the new torrent's link through relay. (The periodic tick
        // due at the same time may already archive that link message itself: it is a message of the universal chat, and
        // status-go archives it too.)
        fixture.scheduler.advance(Duration.ofDays(7));
        long afterFirstWeek = archived();
        assertThat(afterFirstWeek).isBetween(12L, 13L);
        await().atMost(Duration.ofSeconds(30)).until(() -> !links().isEmpty());
        ArchiveLinkMessage.Received published = newest();

        // A day later, the same link is published again with a newer clock.
        int before = links().size();
        fixture.scheduler.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> links().size() == before + 1);
        assertThat(newest().magnetUri()).isEqualTo(published.magnetUri());
        assertThat(newest().clock()).isGreaterThan(published.clock());

        // The next week's run archives the link messages the universal chat carried since; its new torrent gets a new link.
        fixture.scheduler.advance(Duration.ofDays(7));
        assertThat(archived()).isGreaterThan(afterFirstWeek);
        await().atMost(Duration.ofSeconds(30)).until(() -> !newest().magnetUri().equals(published.magnetUri()));

        PublicationVerifier verifier = new PublicationVerifier(fixture.store.communities, fixture.store.archiveInfo,
                id -> fixture.store.torrents.current(id).map(TorrentService.CommunityTorrent::infoHash), fixture.settings);
        PublicationVerifier.Verification verification = verifier.verify(community.id(),
                new StoreNodeClient(network.edge().rest(), StoreNodeClient.Options.defaults()));
        assertThat(verification.accepted()).as(verification.details().toString()).isTrue();
        assertThat(verification.details()).anySatisfy(detail -> assertThat(detail).contains("other message(s) of the community"));
        assertThat(new WakuPublishClient(network.edge().rest(), WakuPublishClient.Mode.RELAY, WakuPublishClient.Options.defaults())
                .check().detail()).contains("a go-waku node");
    }

    private long archived() {
        return fixture.store.ledger.list(community.id()).stream().mapToLong(LedgerEntry::messageCount).sum();
    }

    private String universalTopic() {
        return LinkChat.UNIVERSAL.wireContentTopic(community.id());
    }

    private static int count(JsonNode stored) {
        return stored == null || !stored.path("messages").isArray() ? 0 : stored.get("messages").size();
    }

    private ArchiveLinkMessage.Received newest() throws InterruptedException {
        return links().stream().max(java.util.Comparator.comparingLong(ArchiveLinkMessage.Received::clock)).orElseThrow();
    }

    /** The archive links in the store node, oldest first, read as a member reads them. */
    private List<ArchiveLinkMessage.Received> links() throws InterruptedException {
        List<ArchiveLinkMessage.Received> links = new ArrayList<>();
        JsonNode stored = network.storedMessages(universalTopic());
        if (stored != null && stored.path("messages").isArray()) {
            for (JsonNode message : stored.get("messages")) {
                try {
                    links.add(ArchiveLinkMessage.read(community.id(), message.get("contentTopic").asText(),
                            Base64.getDecoder().decode(message.get("payload").asText())));
                } catch (WakuMessageException e) {
                    // a chat message of the community
                }
            }
        }
        return links;
    }
}
