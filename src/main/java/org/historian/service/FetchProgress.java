package org.historian.service;

import java.util.List;

/** Progress of a member fetch (spec §6), in the service's words; called on engine threads, so return quickly. */
public interface FetchProgress {
    FetchProgress NONE = new FetchProgress() {
    };

    /** The torrent's info dictionary arrived from a peer. */
    default void metadataReceived(String infoHash, long dataBytes, long indexBytes) {
    }

    /**
     * The index arrived; of the {@code archivesInIndex} it lists, these are not held yet and are
     * fetched in this order.
     */
    default void indexReceived(int archivesInIndex, List<ArchiveRow> wanted) {
    }

    default void archiveProgress(ArchiveRow archive, long piecesDone, long piecesTotal) {
    }

    default void archiveDownloaded(ArchiveRow archive) {
    }
}
