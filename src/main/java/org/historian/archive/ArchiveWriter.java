package org.historian.archive;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;
import org.historian.proto.WakuMessageArchiveMetadata;

/**
 * Performs runs (spec §5.1): partitions, 30 MB chunks, padding, archive IDs, data append and
 * index rewrite. Streams: messages go from the cursor straight to the data file, so memory use
 * does not depend on how many messages a partition or a run holds.
 *
 * <p>Crash safety: data is appended and fsynced first; the index is then written to a temporary
 * file, fsynced and renamed over the old one. A crash before the rename leaves data longer than
 * the index accounts for; the run journal finds that run at the next start and {@link FolderCheck}
 * truncates exactly its bytes. A run starts only on a folder whose index and data agree.
 */
public final class ArchiveWriter {
    private static final byte[] ZEROS = new byte[ArchiveFormat.PIECE_LENGTH];
    private static final int WRITE_BUFFER_BYTES = 1 << 20;
    private static final int CHECK_EVERY_MESSAGES = 4096;
    private static final long WRITE_BACK_EVERY_BYTES = 32L * 1024 * 1024;

    private final ArchiveFileSystem files;
    private final FolderCheck folderCheck;

    public ArchiveWriter(ArchiveFileSystem files) {
        this.files = files;
        this.folderCheck = new FolderCheck(files);
    }

    public ArchiveRunResult run(ArchiveFolder folder, ArchiveRunRequest request, ArchiveMessageSource source,
                                RunListener listener) throws IOException {
        if (request.encrypted()) {
            throw new EncryptedCommunityException(request.community());
        }
        FolderState before = folderCheck.requireConsistent(folder);
        Run run = new Run(folder, request, before, listener);
        try {
            for (ArchiveRunRequest.Partition partition : request.partitions()) {
                run.archivePartition(partition, source);
            }
            return run.commit();
        } catch (IOException | RuntimeException | Error e) {
            run.abandon(e);
            throw e;
        }
    }

    /** The state of one run in progress. */
    private final class Run {
        private final ArchiveFolder folder;
        private final ArchiveRunRequest request;
        private final FolderState before;
        private final RunListener listener;
        private final List<ByteString> topics;
        private final List<byte[]> topicBytes;
        private final List<CreatedArchive> created = new ArrayList<>();
        private final List<ArchiveIndexEntry> newEntries = new ArrayList<>();

        private ArchiveFileSystem.OutputFile data;
        private CodedOutputStream out;
        private long nextOffset;
        private long messagesArchived;
        private long messagesDropped;
        private boolean indexReplaced;
        private long writeBackAt = WRITE_BACK_EVERY_BYTES;

        // The archive being written, if any.
        private boolean archiveOpen;
        private long archiveStartBytes;
        private long archiveChunkBytes;
        private long archiveMessages;

        Run(ArchiveFolder folder, ArchiveRunRequest request, FolderState before, RunListener listener) {
            this.folder = folder;
            this.request = request;
            this.before = before;
            this.listener = listener;
            this.nextOffset = before.dataLength();
            this.topicBytes = request.topics().stream().map(ContentTopic::bytes).toList();
            this.topics = topicBytes.stream().map(ByteString::copyFrom).toList();
        }

        void archivePartition(ArchiveRunRequest.Partition partition, ArchiveMessageSource source) throws IOException {
            checkCancelled();
            try (Cursor<EncodedMessage> cursor = new PrefetchingCursor<>(
                    source.open(request.topics(), partition.from(), partition.to()), "archive-reader " + request.community())) {
                EncodedMessage message;
                while ((message = cursor.next()) != null) {
                    long size = message.chunkSize();
                    if (size > ArchiveFormat.MAX_CHUNK_BYTES) {
                        messagesDropped++;
                        continue;
                    }
                    if (archiveOpen && archiveChunkBytes + size > ArchiveFormat.MAX_CHUNK_BYTES) {
                        closeArchive(partition);
                    }
                    if (!archiveOpen) {
                        openArchive(partition);
                    }
                    // Field 3 (messages), length-delimited: the same bytes writeMessage would produce.
                    out.writeByteArray(3, message.bytes());
                    archiveChunkBytes += size;
                    archiveMessages++;
                    messagesArchived++;
                    if (messagesArchived % CHECK_EVERY_MESSAGES == 0) {
                        checkCancelled();
                        listener.progress(messagesArchived, message.timestamp());
                        if (out.getTotalBytesWritten() >= writeBackAt) {
                            out.flush();
                            data.startWriteBack();
                            writeBackAt = out.getTotalBytesWritten() + WRITE_BACK_EVERY_BYTES;
                        }
                    }
                }
            }
            if (archiveOpen) {
                closeArchive(partition);
            }
            listener.progress(messagesArchived, partition.to());
        }

        private void openArchive(ArchiveRunRequest.Partition partition) throws IOException {
            if (data == null) {
                files.createPrivateDirectories(folder.directory());
                data = files.append(folder.data());
                out = CodedOutputStream.newInstance(new OutputFileStream(data), WRITE_BUFFER_BYTES);
            }
            archiveOpen = true;
            archiveStartBytes = out.getTotalBytesWritten();
            archiveChunkBytes = 0;
            archiveMessages = 0;
            // Field order as protobuf serializes it: version (1) is never set, metadata (2), messages (3).
            out.writeMessage(2, WakuMessageArchiveMetadata.newBuilder()
                    .setFrom(partition.from())
                    .setTo(partition.to())
                    .addAllContentTopic(topics)
                    .build());
        }

        private void closeArchive(ArchiveRunRequest.Partition partition) throws IOException {
            long rawSize = out.getTotalBytesWritten() - archiveStartBytes;
            int padding = ArchiveFormat.paddingFor(rawSize);
            out.writeRawBytes(ZEROS, 0, padding);
            long size = rawSize + padding;
            ArchiveIndexEntry entry = ArchiveIndexEntry.create(partition.from(), partition.to(), topicBytes, nextOffset,
                    size, padding);
            newEntries.add(entry);
            created.add(new CreatedArchive(entry, archiveMessages));
            nextOffset += size;
            archiveOpen = false;
        }

        ArchiveRunResult commit() throws IOException {
            checkCancelled();
            ArchiveIndex index = before.index();
            if (!newEntries.isEmpty()) {
                out.flush();
                data.sync();
                data.close();
                data = null;
                index = index.withAppended(newEntries);
                writeIndex(index);
            }
            return new ArchiveRunResult(created, index, messagesArchived, messagesDropped,
                    nextOffset - before.dataLength());
        }

        private void writeIndex(ArchiveIndex index) throws IOException {
            byte[] bytes = index.toBytes();
            try (ArchiveFileSystem.OutputFile temp = files.create(folder.indexInProgress())) {
                temp.write(bytes, 0, bytes.length);
                temp.sync();
            }
            files.atomicReplace(folder.indexInProgress(), folder.index());
            indexReplaced = true;
        }

        /** Puts the folder back as it was before the run; what cannot be undone now, the journal's roll-back undoes later. */
        void abandon(Throwable cause) {
            if (indexReplaced) {
                return;
            }
            try {
                if (data != null) {
                    data.close();
                }
                if (before.dataLength() == 0 && before.index().isEmpty()) {
                    files.deleteIfExists(folder.data());
                } else if (files.size(folder.data()) > before.dataLength()) {
                    files.truncate(folder.data(), before.dataLength());
                }
                files.deleteIfExists(folder.indexInProgress());
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }

        private void checkCancelled() throws RunCancelledException {
            if (listener.cancelled() || Thread.currentThread().isInterrupted()) {
                throw new RunCancelledException("archive run for " + request.community() + " was cancelled");
            }
        }
    }

    /** Adapts the file seam to the stream protobuf writes to. */
    private static final class OutputFileStream extends OutputStream {
        private final ArchiveFileSystem.OutputFile file;

        OutputFileStream(ArchiveFileSystem.OutputFile file) {
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            file.write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            file.write(bytes, offset, length);
        }
    }
}
