package org.historian.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import bt.net.buffer.ByteBufferView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.historian.model.CommunityId;

/**
 * Bt's file storage, but only for {@code <archiveRoot>/0x<id>/data} and {@code .../index} of the
 * expected community. Whatever a peer's metadata claims, nothing is opened anywhere else.
 * Optionally counts the bytes read: once a seed's files are checked, every read is a block sent
 * to a peer (Bt keeps no block cache), which Bt's own upload counter can miss when a peer
 * disconnects between two samples.
 */
final class GuardedStorage implements Storage {
    private final Storage delegate;
    private final CommunityId community;
    private final LongConsumer onRead;

    /** A fetch's storage: Bt's own files under the archive root, nothing counted. */
    GuardedStorage(Path archiveRoot, CommunityId community) {
        this(new FileSystemStorage(archiveRoot), community, bytes -> { });
    }

    /** @param files the archive root's files, shared by every seed ({@link SeedFiles}) */
    GuardedStorage(Storage files, CommunityId community, LongConsumer onRead) {
        this.delegate = files;
        this.community = community;
        this.onRead = onRead;
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile torrentFile) {
        List<String> path = torrentFile.getPathElements();
        if (!community.hex().equals(torrent.getName()) || torrent.getFiles().size() != 2
                || !(path.equals(List.of("data")) || path.equals(List.of("index")))) {
            throw new SecurityException("refusing to store " + path + " of torrent \"" + torrent.getName()
                    + "\": only data and index of " + community + " are allowed");
        }
        return new CountingUnit(delegate.getUnit(torrent, torrentFile), onRead);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    private record CountingUnit(StorageUnit unit, LongConsumer onRead) implements StorageUnit {
        @Override
        public int readBlock(ByteBuffer buffer, long offset) {
            int read = unit.readBlock(buffer, offset);
            if (read > 0) {
                onRead.accept(read);
            }
            return read;
        }

        @Override
        public int writeBlock(ByteBuffer buffer, long offset) {
            return unit.writeBlock(buffer, offset);
        }

        @Override
        public int writeBlock(ByteBufferView buffer, long offset) {
            return unit.writeBlock(buffer, offset);
        }

        @Override
        public long capacity() {
            return unit.capacity();
        }

        @Override
        public long size() {
            return unit.size();
        }

        @Override
        public void close() throws IOException {
            unit.close();
        }
    }
}
