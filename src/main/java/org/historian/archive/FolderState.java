package org.historian.archive;

/**
 * A community folder as found: its index, and how long its data is.
 *
 * @param unaccountedBytes bytes of data after the last archive the index lists
 */
public record FolderState(ArchiveIndex index, long dataLength, long unaccountedBytes) {
}
