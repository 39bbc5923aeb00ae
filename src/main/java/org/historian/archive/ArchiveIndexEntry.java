package org.historian.archive;

import org.historian.model.Keccak256;
import java.util.List;
import java.util.Objects;
import org.historian.model.Hex;
import org.historian.proto.WakuMessageArchiveIndexMetadata;
import org.historian.proto.WakuMessageArchiveMetadata;

/**
 * One archive as the index describes it. Keeps the protobuf entry as read, so an index is
 * rewritten byte for byte even when it came from another implementation.
 */
public record ArchiveIndexEntry(String archiveId, WakuMessageArchiveIndexMetadata metadata) {
    public ArchiveIndexEntry {
        Objects.requireNonNull(archiveId, "archiveId");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A new entry whose ID is computed as status-go does: Keccak-256 of the serialized entry. */
    public static ArchiveIndexEntry create(long from, long to, List<byte[]> contentTopics, long offset, long size,
                                           long padding) {
        WakuMessageArchiveMetadata.Builder archiveMetadata = WakuMessageArchiveMetadata.newBuilder()
                .setFrom(from)
                .setTo(to);
        for (byte[] topic : contentTopics) {
            archiveMetadata.addContentTopic(com.google.protobuf.ByteString.copyFrom(topic));
        }
        WakuMessageArchiveIndexMetadata entry = WakuMessageArchiveIndexMetadata.newBuilder()
                .setMetadata(archiveMetadata)
                .setOffset(offset)
                .setSize(size)
                .setPadding(padding)
                .build();
        return new ArchiveIndexEntry(idOf(entry), entry);
    }

    public static String idOf(WakuMessageArchiveIndexMetadata entry) {
        return Hex.encode(Keccak256.hash(entry.toByteArray()));
    }

    public long from() {
        return metadata.getMetadata().getFrom();
    }

    public long to() {
        return metadata.getMetadata().getTo();
    }

    public long offset() {
        return metadata.getOffset();
    }

    public long size() {
        return metadata.getSize();
    }

    public long padding() {
        return metadata.getPadding();
    }

    /** Bytes of the serialized archive itself, without its padding. */
    public long archiveLength() {
        return size() - padding();
    }

    /** First byte after this archive's padding. */
    public long end() {
        return offset() + size();
    }

    public List<String> contentTopicsHex() {
        return metadata.getMetadata().getContentTopicList().stream().map(b -> Hex.encode(b.toByteArray())).toList();
    }

    /** First and one-past-last piece of the torrent that hold this archive. */
    public long firstPiece() {
        return offset() / ArchiveFormat.PIECE_LENGTH;
    }

    public long pieceCount() {
        return size() / ArchiveFormat.PIECE_LENGTH;
    }
}
