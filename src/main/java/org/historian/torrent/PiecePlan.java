package org.historian.torrent;

import java.nio.file.Path;
import java.util.List;

/**
 * What to fetch of a community torrent once its {@code index} file is complete (spec §6 steps 3
 * and 4): the caller reads the index and names the ranges of data pieces it wants, in the order to
 * fetch them. The engine fetches only the index before.
 */
@FunctionalInterface
public interface PiecePlan {
    /**
     * @param index      the downloaded index file
     * @param dataLength bytes of the torrent's {@code data} file
     * @throws UnsafeTorrentException when the index is not one the caller accepts; the fetch fails
     */
    List<PieceRange> plan(Path index, long dataLength) throws UnsafeTorrentException;
}
