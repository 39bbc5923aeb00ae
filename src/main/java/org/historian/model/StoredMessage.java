package org.historian.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.util.Arrays;
import java.util.Objects;
import org.historian.proto.WakuMessage;

/**
 * A stored Waku message envelope (spec §1): what archives contain. Byte arrays are not copied;
 * treat them as read-only.
 *
 * @param timestamp unix seconds
 * @param topic     the 4-byte content topic
 * @param hash      the envelope hash, unique per message
 */
public record StoredMessage(byte[] sig, long timestamp, byte[] topic, byte[] payload, byte[] padding,
                            byte[] hash, String thirdPartyId) {

    private static final byte[] EMPTY = new byte[0];

    public StoredMessage {
        sig = sig == null ? EMPTY : sig;
        padding = padding == null ? EMPTY : padding;
        payload = payload == null ? EMPTY : payload;
        thirdPartyId = thirdPartyId == null ? "" : thirdPartyId;
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(hash, "hash");
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative");
        }
    }

    /** The size that counts against the 30,000,000-byte archive chunk cap (spec §2). */
    public long chunkSize() {
        return (long) payload.length + sig.length;
    }

    /** The serialized {@code WakuMessage} (spec §3), as it appears inside an archive. */
    public byte[] encode() {
        // Wrapping instead of copying: the bytes are serialized at once and never changed.
        return WakuMessage.newBuilder()
                .setSig(UnsafeByteOperations.unsafeWrap(sig))
                .setTimestamp(timestamp)
                .setTopic(UnsafeByteOperations.unsafeWrap(topic))
                .setPayload(UnsafeByteOperations.unsafeWrap(payload))
                .setPadding(UnsafeByteOperations.unsafeWrap(padding))
                .setHash(UnsafeByteOperations.unsafeWrap(hash))
                .setThirdPartyId(thirdPartyId)
                .build()
                .toByteArray();
    }

    public EncodedMessage toEncoded() {
        return new EncodedMessage(timestamp, chunkSize(), encode());
    }

    /**
     * Parses a serialized {@code WakuMessage}.
     *
     * @throws IllegalArgumentException when the bytes are not one, or its timestamp is beyond 2^63
     */
    public static StoredMessage decode(byte[] bytes) {
        WakuMessage message;
        try {
            message = WakuMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a valid WakuMessage: " + e.getMessage(), e);
        }
        if (message.getTimestamp() < 0) {
            throw new IllegalArgumentException("timestamp is beyond 2^63");
        }
        return new StoredMessage(message.getSig().toByteArray(), message.getTimestamp(), message.getTopic().toByteArray(),
                message.getPayload().toByteArray(), message.getPadding().toByteArray(), message.getHash().toByteArray(),
                message.getThirdPartyId());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMessage m
                && timestamp == m.timestamp
                && Arrays.equals(sig, m.sig)
                && Arrays.equals(topic, m.topic)
                && Arrays.equals(payload, m.payload)
                && Arrays.equals(padding, m.padding)
                && Arrays.equals(hash, m.hash)
                && thirdPartyId.equals(m.thirdPartyId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "StoredMessage[hash=" + Hex.encode(hash) + ", timestamp=" + timestamp + ", topic=" + Hex.encode(topic)
                + ", payload=" + payload.length + " bytes]";
    }
}
