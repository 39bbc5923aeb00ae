package org.historian.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the operator names on the command line: every problem names the option, the file and the reason. */
final class InputFiles {
    private InputFiles() {
    }

    /** @throws IllegalArgumentException when the file is missing, a directory, unreadable or larger than {@code maxBytes} */
    static void requireReadable(Path file, long maxBytes, String option) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + ": " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + ": " + file + " is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": " + file + ": permission denied");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": " + file + ": " + CommandLineSupport.reason(e), e);
        }
        if (size > maxBytes) {
            throw new IllegalArgumentException(option + ": " + file + " is " + size + " bytes, larger than the " + maxBytes
                    + " such a file can be");
        }
    }

    static byte[] read(Path file, long maxBytes, String option) throws IOException {
        requireReadable(file, maxBytes, option);
        return Files.readAllBytes(file);
    }

    static InputStream open(Path file, String option) throws IOException {
        requireReadable(file, Long.MAX_VALUE, option);
        return Files.newInputStream(file);
    }
}
