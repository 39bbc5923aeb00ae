package org.historian.service;

import java.time.Instant;
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
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.LinkChat;
import org.historian.waku.MessageSourceException;
import org.historian.waku.NotAnArchiveLinkException;
import org.historian.waku.StatusContentTopic;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessageException;

/**
 * "Would members accept what is on the network?" Reads the community's archive links back from a
 * node's Store v3 API and decodes them as a Status member does (spec §6 step 1 and §12): signed by
 * the community, a clock not older than the last one published, a link that parses and names the
 * torrent seeded now. Current members watch only the universal chat, which also carries every
 * other message of the community, so it is read newest first until links are found; the 2024-era
 * magnet channel is read too and reported, but a link only there reaches no current member.
 */
public final class PublicationVerifier {
    /**
     * @param accepted whether current members would take the newest link
     * @param summary  one sentence for the operator
     * @param details  what was found, chat by chat and message by message where it matters
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
    private final StoreNodes nodes;

    public PublicationVerifier(CommunityRepository communities, ArchiveInfoRepository archiveInfo, SeededTorrent seeded,
                               HistorianSettings settings) {
        this(communities, archiveInfo, seeded, new StoreNodes(settings, StoreNodeClient.Options.defaults()));
    }

    /** @param nodes the data directory's store-node clients, shared with the service */
    public PublicationVerifier(CommunityRepository communities, ArchiveInfoRepository archiveInfo, SeededTorrent seeded,
                               StoreNodes nodes) {
        this.communities = communities;
        this.archiveInfo = archiveInfo;
        this.seeded = seeded;
        this.nodes = nodes;
    }

    /** Whether a node to read from is configured: the Waku node, else the store node. */
    public boolean nodeConfigured() {
        try {
            nodes.forVerification(Optional.empty());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads the links from the given node's store, else from the Waku node of the settings, else
     * from the store node.
     *
     * @throws IllegalArgumentException when the URL is not valid, or no node is given or set
     */
    public Verification verify(CommunityId id, Optional<String> node) throws InterruptedException {
        return verify(id, nodes.forVerification(node));
    }

    Verification verify(CommunityId id, StoreNodeClient node) throws InterruptedException {
        Community community = communities.find(id).orElseThrow(() -> new IllegalArgumentException("no community " + id));
        List<String> details = new ArrayList<>();
        ArchiveLinkReader.Found found;
        try {
            found = ArchiveLinkReader.read(id, community.pubsubTopic(), node, 0);
        } catch (MessageSourceException e) {
            return new Verification(false, "The store could not be read: " + e.getMessage(), details);
        }
        details.addAll(found.details());
        Optional<ArchiveLinkReader.Link> newestOld = found.newestMagnetlinks();
        if (found.universal().isEmpty()) {
            String summary = newestOld.isPresent()
                    ? "The only link members would accept is on " + LinkChat.MAGNETLINKS.describe(id) + ", which only 2024-era "
                    + "Status clients watch: current members never see it. Publish again; Historian publishes on the universal chat."
                    : node.describe() + " holds no archive link of this community that members accept. Publish first, and check "
                    + "that the node runs the store protocol.";
            return new Verification(false, summary, details);
        }
        ArchiveLinkReader.Link newest = found.newestUniversal().orElseThrow();
        details.add("newest link on the universal chat: clock " + newest.clock() + ", " + newest.magnetUri());
        newestOld.filter(link -> link.clock() > newest.clock()).ifPresent(link -> details.add("a newer link (clock " + link.clock()
                + ") is on the 2024-era magnet channel, which current members do not watch"));
        MagnetLink link;
        try {
            link = MagnetLink.parse(newest.magnetUri());
        } catch (IllegalArgumentException e) {
            return new Verification(false, "The newest link does not parse as a magnet link: " + e.getMessage(),
                    details);
        }
        long storedClock = archiveInfo.get(id).magnetClock();
        if (newest.clock() < storedClock) {
            return new Verification(false, "The newest link on the node (clock " + newest.clock() + ") is older "
                    + "than the one published last (clock " + storedClock + "); members who have the newer one ignore it.", details);
        }
        Optional<InfoHash> current;
        try {
            current = seeded.infoHash(id);
        } catch (java.io.IOException e) {
            current = Optional.empty();
            details.add("the current torrent could not be read: " + e.getMessage());
        }
        if (current.isPresent() && !current.get().equals(link.infoHash())) {
            return new Verification(false, "Members accept the newest link, but it names "
                    + link.infoHash().hex() + ", not the torrent seeded now (" + current.get().hex()
                    + "): they fetch older archives until the next publish.", details);
        }
        return new Verification(true, "Members accept the newest link on the universal chat: "
                + "signed by the community, clock " + newest.clock() + (current.isPresent() ? ", the torrent seeded now." : "."),
                details);
    }
}
