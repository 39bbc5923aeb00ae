package org.historian.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders on tmpfs ({@code /dev/shm}) where the machine has one: real files and a real
 * SQLite database, without the disk's fsync latency, for tests about scheduling at scale rather
 * than about the disk. Falls back to the default temporary folder.
 */
public final class MemoryTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "historian-test");
        }
        return Files.createTempDirectory("historian-test");
    }
}
