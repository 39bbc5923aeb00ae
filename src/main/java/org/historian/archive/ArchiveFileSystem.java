package org.historian.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The file operations archive runs are made of. Production uses {@link DiskFileSystem}; tests
 * substitute one that fails or stops at a chosen step to prove that a crash anywhere in a run
 * loses nothing.
 */
public interface ArchiveFileSystem {

    /** A file open for writing; bytes reach the disk for sure only after {@link #sync()}. */
    interface OutputFile extends Closeable {
        void write(byte[] bytes, int offset, int length) throws IOException;

        void sync() throws IOException;

        /**
         * Asks the operating system to start writing what was written so far, without waiting.
         * A hint for throughput (disk writes overlap the rest of the run); durability still
         * comes only from {@link #sync()}.
         */
        default void startWriteBack() {
        }
    }

    boolean exists(Path path);

    /** Size in bytes, or 0 when the file does not exist. */
    long size(Path path) throws IOException;

    /** Creates the directory and its parents, readable by the owner only. */
    void createPrivateDirectories(Path directory) throws IOException;

    /** Opens for appending at the current end, creating the file (owner-only) if needed. */
    OutputFile append(Path path) throws IOException;

    /** Creates or empties the file (owner-only) and opens it for writing. */
    OutputFile create(Path path) throws IOException;

    /** Replaces {@code target} by {@code source} atomically and makes the rename durable. */
    void atomicReplace(Path source, Path target) throws IOException;

    /** Cuts the file down to {@code length} bytes and makes that durable. */
    void truncate(Path path, long length) throws IOException;

    void deleteIfExists(Path path) throws IOException;

    /** Reads the whole file, refusing files over {@code limit} bytes before reading them. */
    byte[] readAll(Path path, long limit) throws IOException;

    /** Opens for reading from {@code position}. */
    InputStream openRead(Path path, long position) throws IOException;
}
