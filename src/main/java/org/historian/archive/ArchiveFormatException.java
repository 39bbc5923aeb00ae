package org.historian.archive;

import java.io.IOException;

/** Archive data, an index or a folder that does not follow the format; the message says exactly where. */
public class ArchiveFormatException extends IOException {
    public ArchiveFormatException(String message) {
        super(message);
    }

    public ArchiveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
