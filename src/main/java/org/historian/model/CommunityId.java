package org.historian.model;

import java.util.regex.Pattern;

/**
 * A community's ID: its 33-byte compressed secp256k1 public key, written {@code 0x} + 66
 * lowercase hex. Directory names, torrent names and database keys all use this form.
 */
public record CommunityId(String hex) implements Comparable<CommunityId> {
    private static final Pattern FORM = Pattern.compile("0x[0-9a-f]{66}");

    public CommunityId {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("a community ID is 0x followed by 66 lowercase hex digits");
        }
    }

    /**
     * Parses user input: accepts upper-case hex, and checks that the bytes are a compressed
     * secp256k1 point, because only such a key can sign the community's magnet links.
     */
    public static CommunityId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("community ID is empty; expected 0x followed by 66 hex digits");
        }
        String trimmed = text.trim();
        byte[] bytes;
        try {
            bytes = Hex.decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("community ID: " + e.getMessage(), e);
        }
        if (bytes.length != 33) {
            throw new IllegalArgumentException("community ID must be 33 bytes (66 hex digits), got " + bytes.length + " bytes");
        }
        if (bytes[0] != 0x02 && bytes[0] != 0x03) {
            throw new IllegalArgumentException("community ID must be a compressed public key starting with 0x02 or 0x03");
        }
        try {
            Secp256k1.requirePoint(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("community ID is not a point on the secp256k1 curve", e);
        }
        return new CommunityId(Hex.encode(bytes));
    }

    public byte[] bytes() {
        return Hex.decode(hex);
    }

    /** The first bytes of the ID, for places where the whole ID does not fit. */
    public String shortForm() {
        return hex.substring(0, 8) + "\u2026" + hex.substring(hex.length() - 4);
    }

    @Override
    public int compareTo(CommunityId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
