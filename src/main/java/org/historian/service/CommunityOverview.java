package org.historian.service;

import java.util.List;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.LedgerEntry;

/** Read-only summaries of the controlled communities, for the window and the command line. */
public final class CommunityOverview {
    private final CommunityRepository communities;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveInfoRepository archiveInfo;

    public CommunityOverview(CommunityRepository communities, ArchiveLedgerRepository ledger, ArchiveInfoRepository archiveInfo) {
        this.communities = communities;
        this.ledger = ledger;
        this.archiveInfo = archiveInfo;
    }

    public List<CommunitySummary> summaries() {
        return communities.list().stream().map(community -> {
            List<LedgerEntry> archives = ledger.list(community.id());
            return new CommunitySummary(community, archives.size(), archives.stream().mapToLong(LedgerEntry::size).sum(),
                    archives.stream().mapToLong(LedgerEntry::messageCount).sum(),
                    archiveInfo.get(community.id()).lastArchiveEndDate());
        }).toList();
    }
}
