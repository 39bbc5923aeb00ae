package org.historian.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveMessages;
import org.historian.archive.ArchiveReader;
import org.historian.archive.CorruptArchiveFolderException;
import org.historian.store.LedgerEntry;

/**
 * Rebuilds a lost or damaged index from the data, trusting nothing: every archive the ledger lists
 * must parse at its offset, carry the ledger's range and message count, have zero padding and
 * give the ledger's archive ID; only then is the new index written (temp file, fsync, rename),
 * the old one kept beside the folder.
 */
public final class IndexRepair {
    /** What a repair did. */
    public record Result(int archives, long messages, Path previousIndex) {
    }

    private final ArchiveFileSystem files;
    private final ArchiveReader reader;

    IndexRepair(ArchiveFileSystem files, ArchiveReader reader) {
        this.files = files;
        this.reader = reader;
    }

    Result rebuild(ArchiveFolder folder, List<LedgerEntry> ledgerEntries, long nowMillis) throws IOException {
        List<LedgerEntry> ledger = ledgerEntries.stream().sorted(Comparator.comparingLong(LedgerEntry::offset)).toList();
        if (ledger.isEmpty()) {
            throw refused(folder, "the ledger lists no archives of this community, so there is nothing to check the data against");
        }
        long dataLength = files.size(folder.data());
        long offset = 0;
        List<ArchiveIndexEntry> entries = new ArrayList<>();
        long messages = 0;
        for (LedgerEntry recorded : ledger) {
            if (recorded.offset() != offset) {
                throw refused(folder, "the ledger's archives are not contiguous at byte " + offset);
            }
            if (recorded.offset() + recorded.size() > dataLength) {
                throw refused(folder, "archive " + recorded.archiveId() + " of the ledger ends at byte " + (recorded.offset()
                        + recorded.size()) + " but the data has only " + dataLength + " bytes");
            }
            ArchiveIndexEntry entry = rebuildEntry(folder, recorded);
            entries.add(entry);
            messages += recorded.messageCount();
            offset += recorded.size();
        }
        if (offset != dataLength) {
            throw refused(folder, "the data has " + (dataLength - offset) + " bytes after the ledger's last archive");
        }
        ArchiveIndex index = ArchiveIndex.empty().withAppended(entries);
        ArchiveReader.Verification verification = reader.verify(folder, index);
        if (!verification.ok()) {
            String problem = verification.archives().stream().filter(check -> !check.ok())
                    .map(check -> check.entry().archiveId() + ": " + String.join("; ", check.problems())).findFirst()
                    .orElse(String.join("; ", verification.folderProblems()));
            throw refused(folder, problem);
        }
        for (int i = 0; i < ledger.size(); i++) {
            long count = verification.archives().get(i).messageCount();
            if (count != ledger.get(i).messageCount()) {
                throw refused(folder, "the archive at byte " + ledger.get(i).offset() + " holds " + count + " messages, the ledger says "
                        + ledger.get(i).messageCount());
            }
        }
        Path previous = null;
        if (Files.exists(folder.index())) {
            previous = folder.directory().resolveSibling(folder.community().hex() + ".index-before-repair-" + nowMillis);
            Files.copy(folder.index(), previous);
        }
        byte[] bytes = index.toBytes();
        try (ArchiveFileSystem.OutputFile temp = files.create(folder.indexInProgress())) {
            temp.write(bytes, 0, bytes.length);
            temp.sync();
        }
        files.atomicReplace(folder.indexInProgress(), folder.index());
        return new Result(entries.size(), messages, previous);
    }

    /** The index entry of one ledger archive, made from the archive's own metadata and checked against the ledger. */
    private ArchiveIndexEntry rebuildEntry(ArchiveFolder folder, LedgerEntry recorded) throws IOException {
        ArchiveIndexEntry provisional = ArchiveIndexEntry.create(recorded.from(), recorded.to(), List.of(), recorded.offset(),
                recorded.size(), recorded.padding());
        ArchiveIndexEntry entry;
        try (ArchiveMessages cursor = reader.messages(folder, provisional)) {
            cursor.next(); // the metadata comes first; the messages are checked by the verification
            entry = cursor.ownEntry(recorded.offset(), recorded.size(), recorded.padding());
        } catch (org.historian.archive.ArchiveFormatException e) {
            throw refused(folder, "archive " + recorded.archiveId() + " at byte " + recorded.offset() + " does not parse: "
                    + e.getMessage());
        }
        if (entry == null || entry.from() != recorded.from() || entry.to() != recorded.to()) {
            throw refused(folder, "the archive at byte " + recorded.offset() + " does not cover the ledger's range ["
                    + recorded.from() + ", " + recorded.to() + ")");
        }
        if (!entry.archiveId().equals(recorded.archiveId())) {
            throw refused(folder, "the archive at byte " + recorded.offset() + " gives the ID " + entry.archiveId()
                    + ", the ledger says " + recorded.archiveId());
        }
        return entry;
    }

    private static CorruptArchiveFolderException refused(ArchiveFolder folder, String why) {
        return new CorruptArchiveFolderException("the index of " + folder.community() + " cannot be rebuilt from its data: " + why
                + ". Nothing was changed; restore the folder from a backup.", null);
    }
}
