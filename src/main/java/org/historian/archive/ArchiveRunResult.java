package org.historian.archive;

import java.util.List;

/**
 * What a run did.
 *
 * @param messagesDropped messages over the chunk cap, left out as status-go does
 */
public record ArchiveRunResult(List<CreatedArchive> created, ArchiveIndex index, long messagesArchived,
                               long messagesDropped, long bytesAppended) {
    public ArchiveRunResult {
        created = List.copyOf(created);
    }
}
