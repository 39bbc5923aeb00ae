package org.historian.service;

import java.util.List;
import org.historian.archive.CreatedArchive;
import org.historian.model.CommunityId;

/** What one run over {@code [start, end)} did. */
public record RunOutcome(CommunityId community, long start, long end, List<CreatedArchive> created, long messagesArchived,
                         long messagesDropped, long bytesAppended) {
    public RunOutcome {
        created = List.copyOf(created);
    }

    public boolean createdAny() {
        return !created.isEmpty();
    }

    /** The archives created, as the window and the command line show them. */
    public List<ArchiveRow> rows() {
        return created.stream().map(archive -> new ArchiveRow(archive.entry().archiveId(), archive.entry().from(), archive.entry().to(),
                archive.entry().offset(), archive.entry().size(), archive.entry().padding(), archive.messageCount())).toList();
    }
}
