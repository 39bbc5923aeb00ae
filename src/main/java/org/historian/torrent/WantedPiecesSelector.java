package org.historian.torrent;

import bt.torrent.PieceStatistics;
import bt.torrent.selector.PieceSelector;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Asks peers only for the pieces Historian wants, in the order it wants them: first the pieces of
 * {@code index}, then those of the archives not held yet, oldest first. Until the metadata is
 * known it asks for nothing.
 */
final class WantedPiecesSelector implements PieceSelector {
    private volatile int[] wanted = new int[0];

    void want(int[] piecesInOrder) {
        this.wanted = piecesInOrder.clone();
    }

    @Override
    public IntStream getNextPieces(BitSet relevantChunks, PieceStatistics pieceStatistics) {
        return IntStream.of(wanted).filter(relevantChunks::get);
    }
}
