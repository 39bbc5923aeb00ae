package org.historian.service;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.EventLogRepository;
import org.historian.store.LedgerEntry;
import org.historian.store.MessageRepository;

/** Read-only views of the controlled communities, for the window and the command line. */
public final class CommunityOverview {
    /** A timeline shows at most this many partitions of messages not yet archived. */
    static final int MAX_PENDING_PARTITIONS = 520;

    private final CommunityRepository communities;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveInfoRepository archiveInfo;
    private final MessageRepository messages;
    private final EventLogRepository events;
    private final Mirrors mirrors;

    public CommunityOverview(CommunityRepository communities, ArchiveLedgerRepository ledger, ArchiveInfoRepository archiveInfo,
                             MessageRepository messages, EventLogRepository events) {
        this(communities, ledger, archiveInfo, messages, events, null);
    }

    /** @param mirrors the mirrored communities, whose archives are those their folder holds; null for none */
    public CommunityOverview(CommunityRepository communities, ArchiveLedgerRepository ledger, ArchiveInfoRepository archiveInfo,
                             MessageRepository messages, EventLogRepository events, Mirrors mirrors) {
        this.mirrors = mirrors;
        this.communities = communities;
        this.ledger = ledger;
        this.archiveInfo = archiveInfo;
        this.messages = messages;
        this.events = events;
    }

    public List<CommunitySummary> summaries() {
        return communities.list().stream().map(community -> {
            if (isMirror(community.id())) {
                List<ArchiveRow> held = mirrors.held(community.id());
                return new CommunitySummary(community, held.size(), held.stream().mapToLong(ArchiveRow::size).sum(), 0,
                        held.isEmpty() ? null : held.get(held.size() - 1).to(), true);
            }
            List<LedgerEntry> archives = ledger.list(community.id());
            return new CommunitySummary(community, archives.size(), archives.stream().mapToLong(LedgerEntry::size).sum(),
                    archives.stream().mapToLong(LedgerEntry::messageCount).sum(),
                    archiveInfo.get(community.id()).lastArchiveEndDate(), false);
        }).toList();
    }

    private boolean isMirror(CommunityId id) {
        return mirrors != null && mirrors.isMirror(id);
    }

    /**
     * What a community's detail view shows beyond the service's snapshot.
     *
     * @param archives          every archive made, oldest first
     * @param oldestMessage     unix seconds of the oldest stored message, if any
     * @param lastArchiveEnd    unix seconds, or null before the first run
     * @param pendingStart      where the messages not yet archived start: the last end, else the oldest message
     * @param pendingPartitions messages not yet archived, per partition from {@code pendingStart}
     *                          (key: partition number; partitions without messages absent)
     * @param pendingMessages   all messages not yet archived
     */
    public record CommunityDetails(Community community, List<ArchiveRow> archives, Long oldestMessage, Long lastArchiveEnd,
                                   long pendingStart, long partitionSeconds, SortedMap<Long, Long> pendingPartitions,
                                   long pendingMessages) {
        public CommunityDetails {
            archives = List.copyOf(archives);
        }
    }

    /** Reads the store; runs off the FX thread. */
    public CommunityDetails details(CommunityId id, Duration partition, long now) {
        Community community = communities.find(id).orElseThrow(() -> new IllegalArgumentException("no community " + id));
        if (isMirror(id)) {
            // A mirror holds the owner's archives and no messages of its own: nothing is pending.
            List<ArchiveRow> held = mirrors.held(id);
            Long end = held.isEmpty() ? null : held.get(held.size() - 1).to();
            long start = end != null ? end : now;
            return new CommunityDetails(community, held, null, end, start, partition.toSeconds(), new java.util.TreeMap<>(), 0);
        }
        List<ArchiveRow> archives = ledger.list(id).stream().map(entry -> new ArchiveRow(entry.archiveId(), entry.from(), entry.to(),
                entry.offset(), entry.size(), entry.padding(), entry.messageCount())).toList();
        OptionalLong oldest = messages.oldestTimestamp(community.topics());
        Long lastEnd = archiveInfo.get(id).lastArchiveEndDate();
        long pendingStart = lastEnd != null ? lastEnd : oldest.orElse(now);
        long seconds = partition.toSeconds();
        SortedMap<Long, Long> pending = messages.countByBucket(community.topics(), pendingStart, Math.max(now + 1, pendingStart),
                seconds, MAX_PENDING_PARTITIONS);
        long pendingMessages = pending.values().stream().mapToLong(Long::longValue).sum();
        return new CommunityDetails(community, archives, oldest.isPresent() ? oldest.getAsLong() : null, lastEnd, pendingStart,
                seconds, pending, pendingMessages);
    }

    /** The newest events first, of one community or (null) of all. */
    public List<HistorianEvent> recentEvents(int limit, CommunityId community) {
        return events.recent(limit, community);
    }
}
