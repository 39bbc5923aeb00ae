package org.historian.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * A stored message in the form an archive needs: its serialized {@code WakuMessage} (spec §3),
 * copied into archives as is.
 *
 * @param chunkSize {@code len(payload) + len(sig)}, what counts against the archive chunk cap
 */
public record EncodedMessage(long timestamp, long chunkSize, byte[] bytes) {

    /**
     * Reads the timestamp and chunk size out of a serialized {@code WakuMessage} without decoding
     * the rest: a run needs only these two numbers of each message.
     *
     * @throws IllegalArgumentException when the bytes are not a WakuMessage
     */
    public static EncodedMessage of(byte[] bytes) {
        long timestamp = 0;
        long chunkSize = 0;
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            int tag;
            while ((tag = input.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                    timestamp = input.readUInt64();
                } else if ((field == 1 || field == 4) && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int length = input.readRawVarint32();
                    input.skipRawBytes(length);
                    chunkSize += length;
                } else {
                    input.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid WakuMessage: " + e.getMessage(), e);
        }
        return new EncodedMessage(timestamp, chunkSize, bytes);
    }
}
