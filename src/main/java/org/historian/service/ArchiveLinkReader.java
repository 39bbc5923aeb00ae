package org.historian.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.LinkChat;
import org.historian.waku.MessageSourceException;
import org.historian.waku.NotAnArchiveLinkException;
import org.historian.waku.StatusContentTopic;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessageException;

/**
 * Reads a community's archive links back from a node's store as a Status member does (spec §6
 * step 1): only links signed by the community count. Shared by the publication check and the
 * mirror, which reads the universal chat newest first until links are found, then the 2024-era
 * magnet channel.
 */
final class ArchiveLinkReader {
    /** Messages of the universal chat read at most, newest first: days of a busy community. */
    static final int UNIVERSAL_SCAN_LIMIT = 5_000;
    /** Enough to find the newest among a day or two of re-publishes on the old magnet channel. */
    static final int MAGNETLINKS_READ = 50;
    static final int PAGE_SIZE = 100;

    /** A link members accept, and when its message was sent (unix seconds). */
    record Link(ArchiveLinkMessage.Received received, long sentAt) {
        long clock() {
            return received.clock();
        }

        String magnetUri() {
            return received.magnetUri();
        }
    }

    /**
     * What one read found.
     *
     * @param dropped links members would drop (not signed by the community, broken), each with why
     * @param details what was read, chat by chat, for the operator
     */
    record Found(List<Link> universal, List<Link> magnetlinks, List<String> dropped, List<String> details) {
        Optional<Link> newestUniversal() {
            return newest(universal);
        }

        Optional<Link> newestMagnetlinks() {
            return newest(magnetlinks);
        }

        /** The newest link on either chat. */
        Optional<Link> newest() {
            List<Link> all = new ArrayList<>(universal);
            all.addAll(magnetlinks);
            return newest(all);
        }

        private static Optional<Link> newest(List<Link> links) {
            return links.stream().max(Comparator.comparingLong(Link::clock));
        }
    }

    private ArchiveLinkReader() {
    }

    /** Reads both chats, messages sent at {@code sinceSeconds} or later (0: as far back as the limits allow). */
    static Found read(CommunityId id, String pubsubTopic, StoreNodeClient node, long sinceSeconds)
            throws MessageSourceException, InterruptedException {
        List<String> details = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<Link> universal = readChat(id, LinkChat.UNIVERSAL, pubsubTopic, node, sinceSeconds, UNIVERSAL_SCAN_LIMIT, details, dropped);
        List<Link> old = readChat(id, LinkChat.MAGNETLINKS, pubsubTopic, node, sinceSeconds, MAGNETLINKS_READ, details, dropped);
        return new Found(universal, old, dropped, details);
    }

    /**
     * The links of one chat that members accept, newest first; stops at the first page that has
     * one. Other messages of the universal chat are counted, links members drop are listed.
     */
    private static List<Link> readChat(CommunityId id, LinkChat chat, String pubsubTopic, StoreNodeClient node, long sinceSeconds,
                                       int limit, List<String> details, List<String> dropped)
            throws MessageSourceException, InterruptedException {
        ContentTopic topic = chat.contentTopic(id);
        String wireTopic = StatusContentTopic.toWire(topic);
        List<Link> accepted = new ArrayList<>();
        int droppedBefore = dropped.size();
        long[] other = {0};
        long read = node.scanNewest(List.of(topic), pubsubTopic, sinceSeconds, Math.min(PAGE_SIZE, limit), limit, page -> {
            for (StoredMessage message : page) {
                try {
                    accepted.add(new Link(ArchiveLinkMessage.read(id, wireTopic, message.payload()), message.timestamp()));
                } catch (NotAnArchiveLinkException e) {
                    other[0]++;
                } catch (WakuMessageException e) {
                    dropped.add("a link of " + Instant.ofEpochSecond(message.timestamp()) + " on " + chat.chatId(id)
                            + " is dropped by members: " + e.getMessage());
                }
            }
            return accepted.isEmpty();
        });
        details.add(chat.describe(id) + " (" + wireTopic + " on " + pubsubTopic + "): " + read + " message(s) read, "
                + accepted.size() + " link(s) members accept, " + (dropped.size() - droppedBefore) + " dropped"
                + (chat == LinkChat.UNIVERSAL ? ", " + other[0] + " other message(s) of the community" : ""));
        details.addAll(dropped.subList(droppedBefore, dropped.size()));
        return accepted;
    }
}
