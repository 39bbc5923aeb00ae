package org.historian.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.SigningKey;
import org.historian.model.KeyKind;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.RandomBytes;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPublishClient;

/**
 * Publishes magnet links as a Status control node does (spec §12) through the nwaku node of the
 * settings, signed with the community key from the vault; with publishing off, records them only.
 * Every reason a link cannot reach members is an exception that says what to do.
 */
public final class WakuMagnetPublisher implements MagnetPublisher {
    /** Builds the REST client for a node; tests pass shorter timeouts. */
    public interface Clients {
        WakuPublishClient client(URI node, WakuPublishClient.Mode mode);
    }

    private final HistorianSettings settings;
    private final KeyVault vault;
    private final NodeIdentity node;
    private final Function<CommunityId, Optional<Community>> communities;
    private final RecordingMagnetPublisher recorder;
    private final EventSink events;
    private final Clock clock;
    private final Clients clients;
    private final RandomBytes random;

    public WakuMagnetPublisher(HistorianSettings settings, KeyVault vault, NodeIdentity node,
                               Function<CommunityId, Optional<Community>> communities, EventSink events, Clock clock,
                               Clients clients, RandomBytes random) {
        this.settings = settings;
        this.vault = vault;
        this.node = node;
        this.communities = communities;
        this.recorder = new RecordingMagnetPublisher(events, clock);
        this.events = events;
        this.clock = clock;
        this.clients = clients;
        this.random = random;
    }

    /**
     * One client per node and mode, kept: the links of every community share its connections and
     * its memory of a node that does not answer (the others then fail at once, with the reason).
     */
    public static Clients defaultClients() {
        java.util.Map<String, WakuPublishClient> kept = new java.util.concurrent.ConcurrentHashMap<>();
        return (url, mode) -> kept.computeIfAbsent(mode + " " + url,
                key -> new WakuPublishClient(url, mode, WakuPublishClient.Options.defaults()));
    }

    @Override
    public Delivery publish(CommunityId community, String magnetUri, long linkClock) throws MagnetPublishException, InterruptedException {
        Optional<WakuPublishClient.Mode> mode = settings.wakuPublishMode();
        if (mode.isEmpty()) {
            return recorder.publish(community, magnetUri, linkClock);
        }
        WakuMessage message = build(community, magnetUri, linkClock);
        URI url = settings.wakuNodeUrl().orElseThrow(() -> new MagnetPublishException(
                "no Waku node is set: enter the REST URL of your nwaku node in Settings (waku.nodeUrl)"));
        return send(clients.client(url, mode.get()), community, message, magnetUri, linkClock);
    }

    /** The client for a node and mode chosen for one command rather than by the settings. */
    WakuPublishClient client(URI node, WakuPublishClient.Mode mode) {
        return clients.client(node, mode);
    }

    /**
     * Sends a message made by {@link #build} through the given client, whatever the settings say
     * ({@code historian publish --node --mode}), and logs it.
     */
    public Delivery send(WakuPublishClient client, CommunityId community, WakuMessage message, String magnetUri, long linkClock)
            throws MagnetPublishException, InterruptedException {
        client.publish(message);
        String detail = "published to the Waku network via " + client.describe().replace("the Waku node at ", "") + " on "
                + message.pubsubTopic() + " (clock " + linkClock + ")";
        events.emit(HistorianEvent.of(clock.instant(), EventType.MAGNET_PUBLISHED, community).withDetail(detail + ": " + magnetUri));
        return new Delivery(true, detail);
    }

    /** The message a member would receive, signed with the community's unlocked key. */
    public WakuMessage build(CommunityId community, String magnetUri, long linkClock) throws MagnetPublishException {
        SigningKey key = vault.key(community, KeyKind.COMMUNITY).orElseThrow(() -> new MagnetPublishException(
                switch (vault.state(community, KeyKind.COMMUNITY)) {
                    case LOCKED -> "the community key is locked: unlock the keys with their passphrase (Unlock keys, or start "
                            + "with --passphrase-file)";
                    default -> "no community key has been imported: import the community's private key (Import key, or "
                            + "historian key import --community " + community.hex() + ")";
                }));
        Community known = communities.apply(community).orElseThrow(() -> new MagnetPublishException("no community " + community));
        Optional<SigningKey> shardKey = vault.key(community, KeyKind.SHARD);
        if (shardKey.isEmpty() && vault.state(community, KeyKind.SHARD) == KeyVault.State.LOCKED) {
            throw new MagnetPublishException("the shard key is locked: unlock the keys with their passphrase");
        }
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return ArchiveLinkMessage.build(new ArchiveLinkMessage.Content(key, node.signingKey(), node.installationId(), magnetUri, linkClock,
                nanos, known.pubsubTopic(), shardKey), random);
    }

    @Override
    public String describe() {
        Optional<WakuPublishClient.Mode> mode = settings.wakuPublishMode();
        if (mode.isEmpty()) {
            return recorder.describe();
        }
        return "published via " + mode.get().word() + settings.wakuNodeUrl().map(url -> " at " + url).orElse(" (no Waku node set)");
    }
}
