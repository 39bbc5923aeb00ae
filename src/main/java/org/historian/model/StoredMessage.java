package org.historian.model;

import java.util.Arrays;
import java.util.Objects;

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
