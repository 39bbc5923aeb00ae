package org.historian.archive;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.proto.WakuMessageArchiveMetadata;

/**
 * Streams the messages of one archive, {@code data[offset, offset + size - padding)}, without
 * loading the archive: each message is bounded by {@link ArchiveFormat#MAX_MESSAGE_BYTES}.
 */
public final class ArchiveMessages implements Cursor<StoredMessage> {
    private static final int MAX_METADATA_BYTES = 1024 * 1024;

    private final ArchiveIndexEntry entry;
    private final InputStream stream;
    private final CodedInputStream input;
    private WakuMessageArchiveMetadata metadata;
    private long messagesRead;

    ArchiveMessages(ArchiveIndexEntry entry, InputStream stream) {
        this.entry = entry;
        this.stream = new BufferedInputStream(stream, 64 * 1024);
        this.input = CodedInputStream.newInstance(this.stream);
        try {
            this.input.pushLimit((int) entry.archiveLength());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a fresh stream accepts any limit", e);
        }
    }

    /**
     * The index entry the archive's own metadata gives for its place in the data file (what a
     * rebuilt index holds), or null before the metadata was read.
     */
    public ArchiveIndexEntry ownEntry(long offset, long size, long padding) {
        if (metadata == null) {
            return null;
        }
        return ArchiveIndexEntry.create(metadata.getFrom(), metadata.getTo(),
                metadata.getContentTopicList().stream().map(com.google.protobuf.ByteString::toByteArray).toList(), offset, size, padding);
    }

    /** The archive's own metadata once read (it comes first in archives written by status-go and Historian). */
    public WakuMessageArchiveMetadata metadata() {
        return metadata;
    }

    @Override
    public StoredMessage next() throws IOException {
        try {
            int tag;
            while ((tag = input.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                if (field == 2 && delimited) {
                    metadata = WakuMessageArchiveMetadata.parseFrom(readBounded(MAX_METADATA_BYTES, "metadata"));
                } else if (field == 3 && delimited) {
                    byte[] message = readBounded(ArchiveFormat.MAX_MESSAGE_BYTES, "message #" + (messagesRead + 1));
                    messagesRead++;
                    return toStored(message);
                } else {
                    input.skipField(tag);
                }
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            throw new ArchiveFormatException(describe() + " is not a valid WakuMessageArchive after " + messagesRead
                    + " messages: " + e.getMessage() + encryptionHint(), e);
        }
    }

    private byte[] readBounded(int limit, String what) throws IOException {
        int length = input.readRawVarint32();
        if (length < 0 || length > limit) {
            throw new ArchiveFormatException(describe() + ": " + what + " claims " + Integer.toUnsignedString(length)
                    + " bytes, over the limit of " + limit + encryptionHint());
        }
        if (length > input.getBytesUntilLimit()) {
            throw new ArchiveFormatException(describe() + ": " + what + " claims " + length + " bytes but only "
                    + input.getBytesUntilLimit() + " remain in the archive" + encryptionHint());
        }
        return input.readRawBytes(length);
    }

    private StoredMessage toStored(byte[] bytes) throws ArchiveFormatException {
        StoredMessage message;
        try {
            message = StoredMessage.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(describe() + ": message #" + messagesRead + ": " + e.getMessage(), e);
        }
        if (message.hash().length == 0) {
            throw new ArchiveFormatException(describe() + ": message #" + messagesRead + " has no hash");
        }
        return message;
    }

    public long messagesRead() {
        return messagesRead;
    }

    private String describe() {
        return "archive " + entry.archiveId() + " (bytes " + entry.offset() + ".." + (entry.offset() + entry.archiveLength())
                + " of data)";
    }

    private String encryptionHint() {
        return messagesRead == 0 && metadata == null
                ? " (if the community is encrypted, this is an encrypted envelope; reading it needs the community's key material)"
                : "";
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
