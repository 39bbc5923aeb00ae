package org.historian.torrent;

import java.util.List;

/** Progress of a fetch; called on the engine's threads, so implementations return quickly. */
public interface FetchListener {
    FetchListener NONE = new FetchListener() {
    };

    default void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
    }

    /** The index arrived and the plan named these ranges; they are fetched in this order. */
    default void indexReceived(List<PieceRange> wanted) {
    }

    default void rangeProgress(PieceRange range, long piecesDone) {
    }

    default void rangeDownloaded(PieceRange range) {
    }
}
