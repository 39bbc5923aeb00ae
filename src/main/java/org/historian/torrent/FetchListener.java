package org.historian.torrent;

import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;

/** Progress of a fetch; called on the engine's threads, so implementations return quickly. */
public interface FetchListener {
    FetchListener NONE = new FetchListener() {
    };

    default void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
    }

    /** The index arrived; {@code wanted} archives will be fetched, oldest first. */
    default void indexReceived(ArchiveIndex index, java.util.List<ArchiveIndexEntry> wanted) {
    }

    default void archiveProgress(ArchiveIndexEntry archive, long piecesDone, long piecesTotal) {
    }

    default void archiveDownloaded(ArchiveIndexEntry archive) {
    }
}
