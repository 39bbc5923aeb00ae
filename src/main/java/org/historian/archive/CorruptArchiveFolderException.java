package org.historian.archive;

/**
 * A community folder whose index and data cannot both be right. Nothing in the folder is changed:
 * the operator decides (restore from backup, or move the folder aside and start over).
 */
public class CorruptArchiveFolderException extends ArchiveFormatException {
    public CorruptArchiveFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
