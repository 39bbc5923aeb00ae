package org.historian.model;

import java.util.HexFormat;

/** The {@code 0x}-prefixed lowercase hex used everywhere in the protocol (IDs, topics, NDJSON). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /** Hex without the prefix, as used inside archive IDs' digests and info-hashes. */
    public static String encodeBare(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /**
     * Decodes {@code 0x}-prefixed hex ({@code "0x"} alone is the empty array).
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected 0x-prefixed hex, got nothing");
        }
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new IllegalArgumentException("expected 0x-prefixed hex, got \"" + abbreviate(text) + "\"");
        }
        String digits = text.substring(2);
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex has an odd number of digits (" + digits.length() + ")");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit '" + digits.charAt(i) + "' at position " + (i + 2));
            }
        }
        return LOWER.parseHex(digits);
    }

    static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 21) + "...";
    }
}
