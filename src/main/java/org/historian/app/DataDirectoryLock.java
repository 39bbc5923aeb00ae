package org.historian.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Historian per data directory: an exclusive lock on {@code historian.lock}, held while the
 * data directory is open and released by the operating system if the process dies. Two
 * instances would otherwise archive into, and seed, the same files.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "historian.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another process (or this one) already has the data directory open. */
    static final class LockedException extends IllegalStateException {
        LockedException(String message) {
            super(message);
        }
    }

    static DataDirectoryLock acquire(Path root) throws IOException {
        Path file = root.resolve(FILE);
        org.historian.model.LocalFiles.ensurePrivateFile(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(file);
            channel.close();
            throw new LockedException("Historian is already running with this data directory: " + root
                    + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + ". Close it first, or open another data directory with --data-dir.");
        }
        // The holder's process ID, for the message another instance shows.
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new DataDirectoryLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,10}") ? text : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
