package org.historian.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import java.nio.file.Path;
import java.util.List;
import org.historian.model.CommunityId;

/**
 * Bt's file storage, but only for {@code <archiveRoot>/0x<id>/data} and {@code .../index} of the
 * expected community. Whatever a peer's metadata claims, nothing is opened anywhere else.
 */
final class GuardedStorage implements Storage {
    private final FileSystemStorage delegate;
    private final CommunityId community;

    GuardedStorage(Path archiveRoot, CommunityId community) {
        this.delegate = new FileSystemStorage(archiveRoot);
        this.community = community;
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile torrentFile) {
        List<String> path = torrentFile.getPathElements();
        if (!community.hex().equals(torrent.getName()) || torrent.getFiles().size() != 2
                || !(path.equals(List.of("data")) || path.equals(List.of("index")))) {
            throw new SecurityException("refusing to store " + path + " of torrent \"" + torrent.getName()
                    + "\": only data and index of " + community + " are allowed");
        }
        return delegate.getUnit(torrent, torrentFile);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
