package org.historian.service;

import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.CorruptArchiveFolderException;
import org.historian.archive.FolderState;
import org.historian.store.LedgerEntry;

/**
 * An owner's folder compared with its ledger before a run appends to it: index, data and ledger
 * must tell the same story. When they do not, nothing is changed; the message says what disagrees
 * and how to restore, and whether {@code historian repair} can rebuild the index.
 */
final class FolderAudit {
    private FolderAudit() {
    }

    /** @throws CorruptArchiveFolderException when index, data and ledger disagree */
    static void requireAgreement(ArchiveFolder folder, FolderState state, List<LedgerEntry> ledger)
            throws CorruptArchiveFolderException {
        Set<String> indexed = state.index().entries().stream().map(ArchiveIndexEntry::archiveId).collect(Collectors.toSet());
        Set<String> recorded = ledger.stream().map(LedgerEntry::archiveId).collect(Collectors.toSet());
        if (state.unaccountedBytes() == 0 && indexed.equals(recorded)) {
            return;
        }
        throw new CorruptArchiveFolderException(describe(folder, state, ledger, indexed, recorded), null);
    }

    static String describe(ArchiveFolder folder, FolderState state, List<LedgerEntry> ledger, Set<String> indexed,
                           Set<String> recorded) {
        long ledgerEnd = ledgerEnd(ledger);
        String indexWord = !Files.exists(folder.index()) ? "its index is missing"
                : state.index().isEmpty() ? "its index is empty"
                : "its index lists " + state.index().entries().size() + " archives ending at byte " + state.index().accountedLength();
        String facts = "The archive folder of " + folder.community() + " is inconsistent, so nothing was changed: " + indexWord
                + ", its data holds " + state.dataLength() + " bytes, and the ledger lists " + ledger.size() + " archives ending at byte "
                + ledgerEnd + ". ";
        String repair = "historian repair --community " + folder.community().hex();
        if (recorded.containsAll(indexed) && !ledger.isEmpty() && ledgerEnd == state.dataLength()) {
            return facts + "The index lacks " + (recorded.size() - indexed.size()) + " archive(s) that the data and the ledger still "
                    + "hold (a lost index, a restore from an older backup, or a copy cut short). Rebuild it with " + repair
                    + " (it checks every archive against the ledger first), or restore the folder from a backup.";
        }
        if (indexed.equals(recorded)) {
            return facts + "The data has " + state.unaccountedBytes() + " bytes after the last archive that no interrupted run "
                    + "explains. Restore the folder from a backup, or move " + folder.directory() + " aside to start a new history.";
        }
        return facts + "The index names archives the ledger does not know. Restore the folder from a backup; if only the index "
                + "is wrong, " + repair + " rebuilds it from the data and the ledger.";
    }

    static long ledgerEnd(List<LedgerEntry> ledger) {
        return ledger.stream().max(Comparator.comparingLong(LedgerEntry::offset)).map(entry -> entry.offset() + entry.size()).orElse(0L);
    }
}
