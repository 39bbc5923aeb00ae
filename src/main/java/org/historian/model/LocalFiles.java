package org.historian.model;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders of Historian's own: owner-only (0700 folders, 0600 files), as everything in a
 * data directory is. Shared by every package that creates them.
 */
public final class LocalFiles {
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private LocalFiles() {
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Creates the directory (and missing parents) readable by the owner only, or tightens an existing one to owner-only. */
    public static void ensurePrivateDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            if (POSIX && !Files.getPosixFilePermissions(absolute).equals(PRIVATE_DIRECTORY)) {
                Files.setPosixFilePermissions(absolute, PRIVATE_DIRECTORY);
            }
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            ensurePrivateDirectory(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    /** Creates the file empty and owner-only (0600), or tightens an existing one to owner-only. */
    public static void ensurePrivateFile(Path file) throws IOException {
        if (!POSIX) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.getPosixFilePermissions(file).equals(PRIVATE_FILE)) {
                Files.setPosixFilePermissions(file, PRIVATE_FILE);
            }
        }
    }


    /** Whether files created with {@link #ensurePrivateFile} get POSIX permissions. */
    public static boolean posix() {
        return POSIX;
    }

    public static Set<PosixFilePermission> privateFile() {
        return PRIVATE_FILE;
    }
}
