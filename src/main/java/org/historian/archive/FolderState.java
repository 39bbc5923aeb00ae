package org.historian.archive;

/**
 * A community folder after the start-up check: its index and data agree.
 *
 * @param truncatedBytes bytes of an interrupted run cut off the end of {@code data} by the check
 */
public record FolderState(ArchiveIndex index, long dataLength, long truncatedBytes) {
}
