package org.historian.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.historian.model.LocalFiles;

/** The real file system, with fsync where durability matters and owner-only permissions. */
public final class DiskFileSystem implements ArchiveFileSystem {
    private final DirectoryOpener directories;
    private final boolean directoriesOpen;

    public DiskFileSystem() {
        this(path -> FileChannel.open(path, StandardOpenOption.READ), LocalFiles.posix());
    }

    /** With another way to open folders for their fsync: for tests of its failures. */
    DiskFileSystem(DirectoryOpener directories, boolean directoriesOpen) {
        this.directories = directories;
        this.directoriesOpen = directoriesOpen;
    }

    /** Runs background write-back; idle threads end after a minute. */
    private final ExecutorService writeBack = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "archive-write-back");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }

    @Override
    public void createPrivateDirectories(Path directory) throws IOException {
        ensurePrivateDirectory(directory);
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        LocalFiles.deleteRecursively(directory);
    }

    /** Creates the directory (and missing parents) owner-only, or tightens an existing one. */
    public static void ensurePrivateDirectory(Path directory) throws IOException {
        LocalFiles.ensurePrivateDirectory(directory);
    }

    /** Creates the file empty and owner-only (0600), or tightens an existing one to owner-only. */
    public static void ensurePrivateFile(Path file) throws IOException {
        LocalFiles.ensurePrivateFile(file);
    }

    @Override
    public OutputFile append(Path path) throws IOException {
        FileChannel channel = open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ChannelOutput(channel, writeBack);
    }

    @Override
    public OutputFile create(Path path) throws IOException {
        FileChannel channel = open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new ChannelOutput(channel, writeBack);
    }

    private static FileChannel open(Path path, StandardOpenOption... options) throws IOException {
        if (LocalFiles.posix() && !Files.exists(path)) {
            FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(LocalFiles.privateFile());
            return FileChannel.open(path, Set.of(options), mode);
        }
        return FileChannel.open(path, options);
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        syncDirectory(target.toAbsolutePath().getParent(), directories, directoriesOpen);
    }

    @Override
    public void truncate(Path path, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public byte[] readAll(Path path, long limit) throws IOException {
        long size = Files.size(path);
        if (size > limit) {
            throw new ArchiveFormatException(path.getFileName() + " is " + size + " bytes, over the limit of " + limit + " bytes");
        }
        return Files.readAllBytes(path);
    }

    @Override
    public InputStream openRead(Path path, long position) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        channel.position(position);
        return Channels.newInputStream(channel);
    }

    /** Opens a directory for {@link #syncDirectory}; a seam for tests. */
    interface DirectoryOpener {
        FileChannel open(Path directory) throws IOException;
    }

    /**
     * Makes a rename in the directory durable (Linux needs the directory itself fsynced): the
     * crash-safety order relies on it, so a failure is an error. Only a system that cannot open a
     * directory at all (Windows) is let through; the rename is still atomic there.
     */
    private static void syncDirectory(Path directory, DirectoryOpener opener, boolean directoriesOpen) throws IOException {
        FileChannel channel;
        try {
            channel = opener.open(directory);
        } catch (IOException e) {
            if (!directoriesOpen) {
                return;
            }
            throw new IOException("cannot open the folder " + directory + " to make a rename in it durable: " + e.getMessage(), e);
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw new IOException("the folder " + directory + " could not be synced to disk after a rename (" + e + "); "
                    + "the change may not survive a crash", e);
        }
    }

    private static final class ChannelOutput implements OutputFile {
        private final FileChannel channel;
        private final ExecutorService writeBack;
        private final AtomicBoolean writeBackRunning = new AtomicBoolean();

        ChannelOutput(FileChannel channel, ExecutorService writeBack) {
            this.channel = channel;
            this.writeBack = writeBack;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void sync() throws IOException {
            channel.force(true);
        }

        @Override
        public void startWriteBack() {
            if (writeBackRunning.compareAndSet(false, true)) {
                writeBack.execute(() -> {
                    try {
                        channel.force(false);
                    } catch (IOException e) {
                        // Only a hint: sync() reports any real failure.
                    } finally {
                        writeBackRunning.set(false);
                    }
                });
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
