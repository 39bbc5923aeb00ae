package org.historian.archive;

import java.io.IOException;

/**
 * Brings a community folder back to its last good state before anything reads or appends to it.
 * Runs write data (fsync) first, then the index (temp file, fsync, atomic rename), so after a
 * crash the data can only be longer than the index accounts for, never shorter.
 */
public final class FolderCheck {
    private final ArchiveFileSystem files;

    public FolderCheck(ArchiveFileSystem files) {
        this.files = files;
    }

    /**
     * Truncates data that no index entry accounts for (the tail of an interrupted run) and removes
     * a half-written index.
     *
     * @throws CorruptArchiveFolderException when the index is unreadable or points past the data;
     *                                       the folder is then left exactly as it was
     */
    public FolderState recover(ArchiveFolder folder) throws IOException {
        ArchiveIndex index = readIndex(folder);
        long dataLength = files.size(folder.data());
        long accounted = index.accountedLength();
        if (accounted > dataLength) {
            ArchiveIndexEntry last = index.entries().get(index.entries().size() - 1);
            throw new CorruptArchiveFolderException("the index of " + folder.community() + " points past the end of its data: archive "
                    + last.archiveId() + " ends at byte " + accounted + " but " + folder.data() + " has only " + dataLength
                    + " bytes. Nothing was changed. Restore the folder from a backup, or move "
                    + folder.directory() + " aside to start a new archive history.", null);
        }
        files.deleteIfExists(folder.indexInProgress());
        long truncated = dataLength - accounted;
        if (truncated > 0) {
            files.truncate(folder.data(), accounted);
        }
        return new FolderState(index, accounted, truncated);
    }

    /** Reads and validates the index without changing anything; an absent index is empty. */
    public ArchiveIndex readIndex(ArchiveFolder folder) throws IOException {
        try {
            return ArchiveIndex.read(files, folder.index());
        } catch (ArchiveFormatException e) {
            throw new CorruptArchiveFolderException("the index of " + folder.community() + " cannot be read: " + e.getMessage()
                    + ". Nothing was changed. Restore " + folder.index() + " from a backup, or move " + folder.directory()
                    + " aside to start a new archive history.", e);
        }
    }
}
