package org.historian.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.StoredMessage;
import org.historian.proto.WakuMessageArchiveMetadata;

/**
 * Reads a community folder back: the index, each archive's messages, and a full verification of
 * index against data. Every malformed input gives an {@link ArchiveFormatException} that names
 * the archive and the byte range; nothing is loaded whole.
 */
public final class ArchiveReader {
    private final ArchiveFileSystem files;
    private final java.time.Clock clock;

    public ArchiveReader(ArchiveFileSystem files) {
        this(files, java.time.Clock.systemUTC());
    }

    /** @param clock archives that end after its now (beyond {@link ArchiveFormat#MAX_CLOCK_SKEW}) fail verification */
    public ArchiveReader(ArchiveFileSystem files, java.time.Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    /** Reads and validates the index; an absent index is empty. */
    public ArchiveIndex readIndex(ArchiveFolder folder) throws IOException {
        return ArchiveIndex.read(files, folder.index());
    }

    /** Streams the messages of one archive; close the cursor when done. */
    public ArchiveMessages messages(ArchiveFolder folder, ArchiveIndexEntry entry) throws IOException {
        long dataLength = files.size(folder.data());
        long end = entry.offset() + entry.archiveLength();
        if (end > dataLength) {
            throw new ArchiveFormatException("archive " + entry.archiveId() + " needs bytes " + entry.offset() + ".." + end
                    + " of data, but data has only " + dataLength + " bytes");
        }
        InputStream stream = files.openRead(folder.data(), entry.offset());
        return new ArchiveMessages(entry, stream);
    }

    /** Reads every message of an archive into a list; for tests and small archives. */
    public List<StoredMessage> readAll(ArchiveFolder folder, ArchiveIndexEntry entry) throws IOException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ArchiveMessages cursor = messages(folder, entry)) {
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** Counts the messages of an archive without keeping them. */
    public long countMessages(ArchiveFolder folder, ArchiveIndexEntry entry) throws IOException {
        long count = 0;
        try (ArchiveMessages cursor = messages(folder, entry)) {
            while (cursor.next() != null) {
                count++;
            }
        }
        return count;
    }

    /** Verifies index against data: every archive readable, in range, with the metadata and ID its entry claims. */
    public Verification verify(ArchiveFolder folder) throws IOException {
        return verify(folder, readIndex(folder));
    }

    /** Verifies the given index (not the folder's own file) against the folder's data. */
    public Verification verify(ArchiveFolder folder, ArchiveIndex index) throws IOException {
        long dataLength = files.size(folder.data());
        List<String> folderProblems = new ArrayList<>();
        long accounted = index.accountedLength();
        if (dataLength < accounted) {
            folderProblems.add("data has " + dataLength + " bytes but the index accounts for " + accounted);
        } else if (dataLength > accounted) {
            folderProblems.add("data has " + (dataLength - accounted) + " bytes after the last archive that no index entry "
                    + "accounts for");
        }
        List<ArchiveCheck> checks = new ArrayList<>();
        for (ArchiveIndexEntry entry : index.entries()) {
            checks.add(check(folder, entry, dataLength));
        }
        return new Verification(index, dataLength, checks, folderProblems);
    }

    private ArchiveCheck check(ArchiveFolder folder, ArchiveIndexEntry entry, long dataLength) throws IOException {
        List<String> problems = new ArrayList<>();
        String expectedId = ArchiveIndexEntry.idOf(entry.metadata());
        if (!expectedId.equals(entry.archiveId())) {
            problems.add("archive ID is not the Keccak-256 of its index entry (expected " + expectedId + ")");
        }
        if (ArchiveFormat.endsInTheFuture(entry.to(), clock.instant())) {
            problems.add("it ends at " + ArchiveFormat.instant(entry.to()) + ", in the future (now is " + clock.instant()
                    + "): an archive covers only time that has passed");
        }
        if (entry.end() > dataLength) {
            problems.add("ends at byte " + entry.end() + " but data has only " + dataLength + " bytes");
            return new ArchiveCheck(entry, -1, problems);
        }
        long count = 0;
        try (ArchiveMessages cursor = messages(folder, entry)) {
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                count++;
                if (Long.compareUnsigned(message.timestamp(), entry.from()) < 0
                        || Long.compareUnsigned(message.timestamp(), entry.to()) >= 0) {
                    problems.add("message #" + count + " has timestamp " + message.timestamp() + " outside ["
                            + entry.from() + ", " + entry.to() + ")");
                    break;
                }
            }
            WakuMessageArchiveMetadata own = cursor.metadata();
            if (own == null) {
                problems.add("the archive has no metadata");
            } else if (!own.equals(entry.metadata().getMetadata())) {
                problems.add("the archive's metadata (from " + own.getFrom() + ", to " + own.getTo() + ", "
                        + own.getContentTopicCount() + " topics) differs from its index entry");
            }
        } catch (ArchiveFormatException e) {
            problems.add(e.getMessage());
            count = -1;
        }
        if (!paddingIsZero(folder, entry)) {
            problems.add("its " + entry.padding() + " bytes of padding are not all zero");
        }
        return new ArchiveCheck(entry, count, problems);
    }

    private boolean paddingIsZero(ArchiveFolder folder, ArchiveIndexEntry entry) throws IOException {
        try (InputStream in = files.openRead(folder.data(), entry.offset() + entry.archiveLength())) {
            byte[] buffer = new byte[8192];
            long remaining = entry.padding();
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    return false;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != 0) {
                        return false;
                    }
                }
                remaining -= read;
            }
            return true;
        }
    }

    /** One archive's verification; {@code messageCount} is -1 when the archive could not be read. */
    public record ArchiveCheck(ArchiveIndexEntry entry, long messageCount, List<String> problems) {
        public ArchiveCheck {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The verification of a whole folder. */
    public record Verification(ArchiveIndex index, long dataLength, List<ArchiveCheck> archives,
                               List<String> folderProblems) {
        public Verification {
            archives = List.copyOf(archives);
            folderProblems = List.copyOf(folderProblems);
        }

        public boolean ok() {
            return folderProblems.isEmpty() && archives.stream().allMatch(ArchiveCheck::ok);
        }
    }
}
