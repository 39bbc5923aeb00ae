package org.historian.torrent;

/**
 * A run of pieces a fetch wants, named by the caller (an archive ID, say): the engine reports
 * progress and completion per range and knows nothing of what the pieces hold.
 */
public record PieceRange(String name, long firstPiece, long pieceCount) {
    public PieceRange {
        if (firstPiece < 0 || pieceCount <= 0) {
            throw new IllegalArgumentException("a piece range starts at 0 or later and holds at least one piece");
        }
    }
}
