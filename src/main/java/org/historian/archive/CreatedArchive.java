package org.historian.archive;

/** An archive a run appended, with what the index does not record: its message count. */
public record CreatedArchive(ArchiveIndexEntry entry, long messageCount) {
}
