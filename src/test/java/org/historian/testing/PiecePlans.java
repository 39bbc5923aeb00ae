package org.historian.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.DiskFileSystem;
import org.historian.torrent.MadeTorrent;
import org.historian.torrent.PieceHashCache;
import org.historian.torrent.PieceHasher;
import org.historian.torrent.PiecePlan;
import org.historian.torrent.PieceRange;
import org.historian.torrent.TorrentMaker;
import org.historian.torrent.UnsafeTorrentException;

/** The member's piece rule for engine tests that run without the service: the archives of the index not held, oldest first. */
public final class PiecePlans {
    private PiecePlans() {
    }

    public static PiecePlan all() {
        return skipping(Set.of());
    }

    public static PiecePlan skipping(Set<String> held) {
        return (indexFile, dataLength) -> {
            ArchiveIndex index;
            try {
                index = ArchiveIndex.read(new DiskFileSystem(), indexFile);
            } catch (IOException e) {
                throw new UnsafeTorrentException("not an archive index: " + e.getMessage(), e);
            }
            return index.entries().stream().filter(entry -> !held.contains(entry.archiveId()))
                    .sorted(Comparator.comparingLong(ArchiveIndexEntry::from))
                    .map(entry -> new PieceRange(entry.archiveId(), entry.firstPiece(), entry.pieceCount())).toList();
        };
    }

    /** The torrent over a folder, with no piece-hash cache. */
    public static MadeTorrent torrentOf(ArchiveFolder folder, List<String> trackers, String createdBy) throws IOException {
        return TorrentMaker.make(folder.community(), new PieceHasher(PieceHashCache.NONE).hash(folder.community(), folder.directory()),
                trackers, createdBy, Instant.now());
    }
}
