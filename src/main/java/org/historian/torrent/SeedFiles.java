package org.historian.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import bt.net.buffer.ByteBufferView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The files every seed reads, through one bounded set of open files: at most {@code maxOpen}
 * descriptors however many torrents seed (Bt's storage per seed kept two open per torrent, and
 * 10,000 communities ran into the system's limit). A file is opened on a read and closed when
 * others were used since. Each torrent's unit keeps to the file it first opened: if the path
 * was replaced since (a new week's folder moved in), the old torrent reads nothing rather than
 * the new bytes. Seeds never write.
 */
final class SeedFiles implements Storage {
    private final Path root;
    private final int maxOpen;
    /** Least recently used first. */
    private final LinkedHashMap<Unit, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    SeedFiles(Path root, int maxOpen) {
        this.root = root;
        this.maxOpen = maxOpen;
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile file) {
        Path path = root.resolve(torrent.getName());
        for (String element : file.getPathElements()) {
            path = path.resolve(element);
        }
        return unit(path, file.getSize());
    }

    StorageUnit unit(Path path, long capacity) {
        return new Unit(path, capacity);
    }

    @Override
    public void flush() {
        // nothing is written
    }

    /** Open files now (for tests and figures). */
    synchronized int openCount() {
        return open.size();
    }

    private synchronized int read(Unit unit, ByteBuffer buffer, long offset) {
        try {
            FileChannel channel = channel(unit);
            if (channel == null) {
                return -1;
            }
            int total = 0;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, offset + total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            return total;
        } catch (IOException e) {
            close(unit);
            throw new UncheckedIOException("reading " + unit.path + " failed", e);
        }
    }

    private FileChannel channel(Unit unit) throws IOException {
        FileChannel channel = open.get(unit);
        if (channel != null) {
            return channel;
        }
        channel = FileChannel.open(unit.path, StandardOpenOption.READ);
        Object identity = Files.readAttributes(unit.path, BasicFileAttributes.class).fileKey();
        if (unit.identity == null) {
            unit.identity = identity;
        } else if (!Objects.equals(unit.identity, identity)) {
            channel.close(); // replaced since this torrent was made: its bytes are gone
            return null;
        }
        open.put(unit, channel);
        Iterator<Map.Entry<Unit, FileChannel>> eldest = open.entrySet().iterator();
        while (open.size() > maxOpen && eldest.hasNext()) {
            Map.Entry<Unit, FileChannel> entry = eldest.next();
            eldest.remove();
            entry.getValue().close();
        }
        return channel;
    }

    private synchronized void close(Unit unit) {
        FileChannel channel = open.remove(unit);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a file only read
            }
        }
    }

    private final class Unit implements StorageUnit {
        private final Path path;
        private final long capacity;
        /** The file's identity (inode) when first opened. */
        private Object identity;

        Unit(Path path, long capacity) {
            this.path = path;
            this.capacity = capacity;
        }

        @Override
        public int readBlock(ByteBuffer buffer, long offset) {
            return read(this, buffer, offset);
        }

        @Override
        public int writeBlock(ByteBuffer buffer, long offset) {
            throw new UnsupportedOperationException("a seed does not write its archives");
        }

        @Override
        public int writeBlock(ByteBufferView buffer, long offset) {
            throw new UnsupportedOperationException("a seed does not write its archives");
        }

        @Override
        public long capacity() {
            return capacity;
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            SeedFiles.this.close(this);
        }
    }
}
