package org.historian.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.CommunityRepository;
import org.historian.torrent.InfoHash;
import org.historian.torrent.MagnetLink;
import org.historian.waku.MagnetChannel;
import org.historian.waku.MagnetLinkMessage;
import org.historian.waku.MessageSourceException;
import org.historian.waku.StatusContentTopic;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessageException;

/**
 * "Would members accept what is on the network?" Reads the newest messages of the community's
 * magnet channel from a node's Store v3 API and decodes them as a Status member does (spec §6
 * step 1 and §12): signed by the community, a clock not older than the last one published, a
 * link that parses and names the torrent seeded now.
 */
public final class PublicationVerifier {
    /** Enough to find the newest among a day or two of re-publishes. */
    static final int MESSAGES_READ = 50;

    /**
     * @param accepted whether members would take the newest link
     * @param summary  one sentence for the operator
     * @param details  what was found, message by message where it matters
     */
    public record Verification(boolean accepted, String summary, List<String> details) {
    }

    /** Supplies the seeded torrent's info-hash, if any. */
    public interface SeededTorrent {
        Optional<InfoHash> infoHash(CommunityId community) throws java.io.IOException;
    }

    private final CommunityRepository communities;
    private final ArchiveInfoRepository archiveInfo;
    private final SeededTorrent seeded;

    public PublicationVerifier(CommunityRepository communities, ArchiveInfoRepository archiveInfo, SeededTorrent seeded) {
        this.communities = communities;
        this.archiveInfo = archiveInfo;
        this.seeded = seeded;
    }

    public Verification verify(CommunityId id, StoreNodeClient node) throws InterruptedException {
        Community community = communities.find(id).orElseThrow(() -> new IllegalArgumentException("no community " + id));
        ContentTopic topic = MagnetChannel.contentTopic(id);
        String wireTopic = StatusContentTopic.toWire(topic);
        List<String> details = new ArrayList<>();
        details.add("magnet channel: " + MagnetChannel.chatId(id) + ", content topic " + wireTopic + " on " + community.pubsubTopic());
        List<StoredMessage> messages;
        try {
            messages = node.newest(List.of(topic), community.pubsubTopic(), MESSAGES_READ);
        } catch (MessageSourceException e) {
            return new Verification(false, "The store could not be read: " + e.getMessage(), details);
        }
        if (messages.isEmpty()) {
            return new Verification(false, node.describe() + " holds no message on the magnet channel: members cannot find "
                    + "a link there. Publish first, and check that the node runs the store protocol.", details);
        }
        List<MagnetLinkMessage.Received> readable = new ArrayList<>();
        for (StoredMessage message : messages) {
            try {
                readable.add(MagnetLinkMessage.read(id, wireTopic, message.payload()));
            } catch (WakuMessageException e) {
                details.add("a message of " + java.time.Instant.ofEpochSecond(message.timestamp()) + " is dropped by members: "
                        + e.getMessage());
            }
        }
        details.add(messages.size() + " message(s) read, " + readable.size() + " a member accepts as the community's");
        if (readable.isEmpty()) {
            return new Verification(false, "No message on the magnet channel would be accepted by members.", details);
        }
        MagnetLinkMessage.Received newest = readable.stream().max(Comparator.comparingLong(MagnetLinkMessage.Received::clock))
                .orElseThrow();
        details.add("newest link: clock " + newest.clock() + ", " + newest.magnetUri());
        MagnetLink link;
        try {
            link = MagnetLink.parse(newest.magnetUri());
        } catch (IllegalArgumentException e) {
            return new Verification(false, "The newest link does not parse as a magnet link: " + e.getMessage(), details);
        }
        long storedClock = archiveInfo.get(id).magnetClock();
        if (newest.clock() < storedClock) {
            return new Verification(false, "The newest link on the node (clock " + newest.clock() + ") is older than the one "
                    + "published last (clock " + storedClock + "); members who have the newer one ignore it.", details);
        }
        Optional<InfoHash> current;
        try {
            current = seeded.infoHash(id);
        } catch (java.io.IOException e) {
            current = Optional.empty();
            details.add("the current torrent could not be read: " + e.getMessage());
        }
        if (current.isPresent() && !current.get().equals(link.infoHash())) {
            return new Verification(false, "Members accept the newest link, but it names " + link.infoHash().hex()
                    + ", not the torrent seeded now (" + current.get().hex() + "): they fetch older archives until the next publish.",
                    details);
        }
        return new Verification(true, "Members accept the newest link: signed by the community, clock " + newest.clock()
                + (current.isPresent() ? ", the torrent seeded now." : "."), details);
    }
}
