package org.historian.archive;

import java.util.List;

/**
 * What a run did.
 *
 * @param messagesDropped messages over the chunk cap, left out as status-go does
 * @param recoveredBytes  bytes of an earlier interrupted run truncated before this run began
 */
public record ArchiveRunResult(List<CreatedArchive> created, ArchiveIndex index, long messagesArchived,
                               long messagesDropped, long bytesAppended, long recoveredBytes) {
    public ArchiveRunResult {
        created = List.copyOf(created);
    }
}
