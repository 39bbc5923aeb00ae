package org.historian.service;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.store.ArchiveInfoRepository;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPublishClient;

/**
 * Publishing a community's archive link on request ({@code historian publish}), through the
 * node and mode of the settings or of the command; and the step it shares with the scheduled
 * publication: a clock above the last one, the link sent, the clock stored only once it went out.
 */
public final class ArchiveLinks {
    /**
     * A link that went out.
     *
     * @param via          the node, e.g. "the Waku node at http://127.0.0.1:8645 (relay)"
     * @param contentTopic the wire content topic (the universal chat's)
     */
    public record Published(String link, long clock, String via, String pubsubTopic, String contentTopic) {
    }

    record Sent(long clock, MagnetPublisher.Delivery delivery) {
    }

    interface Sender {
        MagnetPublisher.Delivery send(long linkClock) throws MagnetPublishException, InterruptedException;
    }

    private final TorrentService torrents;
    private final WakuMagnetPublisher publisher;
    private final ArchiveInfoRepository archiveInfo;
    private final HistorianSettings settings;
    private final Clock clock;

    public ArchiveLinks(TorrentService torrents, WakuMagnetPublisher publisher, ArchiveInfoRepository archiveInfo,
                        HistorianSettings settings, Clock clock) {
        this.torrents = torrents;
        this.publisher = publisher;
        this.archiveInfo = archiveInfo;
        this.settings = settings;
        this.clock = clock;
    }

    static Sent send(ArchiveInfoRepository archiveInfo, Clock clock, CommunityId id, String link, Sender sender)
            throws MagnetPublishException, InterruptedException {
        long linkClock = nextClock(archiveInfo, clock, id);
        MagnetPublisher.Delivery delivery = sender.send(linkClock);
        sent(archiveInfo, id, linkClock, link);
        return new Sent(linkClock, delivery);
    }

    /** The clock of the community's next link: now in ms, above the last one stored. */
    static long nextClock(ArchiveInfoRepository archiveInfo, Clock clock, CommunityId id) {
        return archiveInfo.get(id).nextMagnetClock(clock.millis());
    }

    /** Stores a link that went out, with its clock. */
    static void sent(ArchiveInfoRepository archiveInfo, CommunityId id, long linkClock, String link) {
        archiveInfo.setMagnetLink(id, linkClock, link);
    }

    /**
     * Publishes the community's current link now, signed with its unlocked key.
     *
     * @param node a REST URL, else the setting waku.nodeUrl
     * @param mode relay or lightpush, else the setting waku.publish, else relay
     * @throws IllegalArgumentException when an argument is not valid or no node is given or set
     * @throws IllegalStateException    when there is nothing to publish or the link could not go
     *                                  out; the message says why and what to do
     */
    public Published publishNow(CommunityId id, Optional<String> node, Optional<String> mode) throws java.io.IOException,
            InterruptedException {
        URI url = node.map(WakuPublishClient::parseUrl).or(settings::wakuNodeUrl).orElseThrow(() ->
                new IllegalArgumentException("no Waku node: give --node URL or set waku.nodeUrl (historian settings set …)"));
        WakuPublishClient.Mode chosen = mode.map(WakuPublishClient.Mode::parse)
                .orElseGet(() -> settings.wakuPublishMode().orElse(WakuPublishClient.Mode.RELAY));
        String link = torrents.current(id).orElseThrow(() -> new IllegalStateException("community " + id
                + " has no archives yet, so there is no link to publish")).magnet().format();
        WakuPublishClient client = publisher.client(url, chosen);
        WakuMessage[] message = new WakuMessage[1];
        try {
            Sent sent = send(archiveInfo, clock, id, link, linkClock -> {
                message[0] = publisher.build(id, link, linkClock);
                return publisher.send(client, id, message[0], link, linkClock);
            });
            return new Published(link, sent.clock(), client.describe(), message[0].pubsubTopic(), message[0].contentTopic());
        } catch (MagnetPublishException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
