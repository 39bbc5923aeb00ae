package org.historian.archive;

import java.io.IOException;

/**
 * Checks a community folder before anything reads, appends to or torrents it. Runs write data
 * (fsync) first, then the index (temp file, fsync, atomic rename), so a run cut short leaves data
 * longer than the index accounts for. Only the run journal can prove that such bytes are a cut
 * run's: this class never truncates on its own judgement. {@link #inspect} changes nothing;
 * {@link #rollBackRun} removes exactly the bytes a journalled run appended.
 */
public final class FolderCheck {
    private final ArchiveFileSystem files;

    public FolderCheck(ArchiveFileSystem files) {
        this.files = files;
    }

    /**
     * Reads the folder without changing it.
     *
     * @throws CorruptArchiveFolderException when the index is unreadable or points past the data
     */
    public FolderState inspect(ArchiveFolder folder) throws IOException {
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
        return new FolderState(index, dataLength, dataLength - accounted);
    }

    /**
     * The folder as it must be to be appended to or torrented: index and data agree exactly.
     *
     * @throws CorruptArchiveFolderException naming the problem; nothing is changed
     */
    public FolderState requireConsistent(ArchiveFolder folder) throws IOException {
        FolderState state = inspect(folder);
        if (state.unaccountedBytes() > 0) {
            throw new CorruptArchiveFolderException(folder.community() + ": " + folder.data() + " has " + state.unaccountedBytes()
                    + " bytes after the last archive its index lists (" + state.index().entries().size() + " archives, "
                    + state.index().accountedLength() + " bytes), and no interrupted run explains them. Nothing was changed. "
                    + "If the index was lost or restored from an older backup, rebuild it with historian repair --community "
                    + folder.community().hex() + "; otherwise restore the folder from a backup.", null);
        }
        return state;
    }

    /**
     * Undoes a journalled run that did not replace the index: truncates data back to the length it
     * had when the run began and removes a half-written index. Refuses, changing nothing, when the
     * index no longer accounts for exactly that length (it was damaged or replaced since).
     *
     * @return the bytes removed
     */
    public long rollBackRun(ArchiveFolder folder, long dataLengthBefore) throws IOException {
        FolderState state = inspect(folder);
        long accounted = state.index().accountedLength();
        if (accounted != dataLengthBefore) {
            throw new CorruptArchiveFolderException("an interrupted run of " + folder.community() + " began with " + dataLengthBefore
                    + " bytes of data, but the index now accounts for " + accounted + " bytes: it was damaged or replaced since. "
                    + "Nothing was changed; restore the folder from a backup, or rebuild its index with historian repair --community "
                    + folder.community().hex() + ".", null);
        }
        files.deleteIfExists(folder.indexInProgress());
        if (state.unaccountedBytes() > 0) {
            files.truncate(folder.data(), accounted);
        }
        return state.unaccountedBytes();
    }

    /** Reads and validates the index without changing anything; an absent index is empty. */
    public ArchiveIndex readIndex(ArchiveFolder folder) throws IOException {
        try {
            return ArchiveIndex.read(files, folder.index());
        } catch (ArchiveFormatException e) {
            throw new CorruptArchiveFolderException("the index of " + folder.community() + " cannot be read: " + e.getMessage()
                    + ". Nothing was changed. Restore " + folder.index() + " from a backup, rebuild it with historian repair "
                    + "--community " + folder.community().hex() + ", or move " + folder.directory()
                    + " aside to start a new archive history.", e);
        }
    }
}
