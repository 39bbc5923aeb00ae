package org.historian.model;

import java.util.regex.Matcher;
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

    /** Status share links: {@code https://status.app/c#<key>}, {@code …/c/<data>#<key>}, channels {@code …/cc/<data>#<key>}. */
    private static final Pattern SHARE_LINK = Pattern.compile("(?:https?://)?(?:www\\.)?status\\.app/(c|cc|u)(?:/[^#]*)?#(.*)");
    /** Multicodec {@code secp256k1-pub} (0xe7 as a varint) before the compressed key in a share link's key. */
    private static final byte[] SECP256K1_PUB = {(byte) 0xe7, 0x01};
    /** Longer than any share link the Status app makes (its data part is a few hundred characters). */
    private static final int MAX_INPUT = 4096;
    static final String EXPECTED = "expected the community ID (0x followed by 66 hex digits) or its share link "
            + "(https://status.app/c#zQ3\u2026)";

    /**
     * Parses user input: the ID in hex (upper case accepted), the community's share link from the
     * Status app, or the key of such a link alone ({@code zQ3…}). Checks that the bytes are a
     * compressed secp256k1 point, because only such a key can sign the community's archive links.
     */
    public static CommunityId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("community ID is empty; " + EXPECTED);
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_INPUT) {
            throw new IllegalArgumentException("community ID is longer than " + MAX_INPUT + " characters; " + EXPECTED);
        }
        if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
            return fromHex(trimmed);
        }
        Matcher link = SHARE_LINK.matcher(trimmed);
        if (link.matches()) {
            if (link.group(1).equals("u")) {
                throw new IllegalArgumentException("this is the share link of a profile (status.app/u/\u2026), not of a community; "
                        + "copy the link from the community's menu, Share community");
            }
            return fromMultibase(link.group(2), "the share link's key (after #)");
        }
        if (trimmed.startsWith("z") && trimmed.chars().allMatch(Character::isLetterOrDigit)) {
            return fromMultibase(trimmed, "the community key");
        }
        throw new IllegalArgumentException("community ID: " + EXPECTED + ", got \"" + Hex.abbreviate(trimmed) + "\"");
    }

    private static CommunityId fromHex(String text) {
        byte[] bytes;
        try {
            bytes = Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("community ID: " + e.getMessage(), e);
        }
        if (bytes.length != 33) {
            throw new IllegalArgumentException("community ID must be 33 bytes (66 hex digits), got " + bytes.length + " bytes");
        }
        return fromCompressedKey(bytes);
    }

    /** A multibase key: {@code z} (base58btc), then the multicodec prefix 0xe7 0x01 and the 33-byte key. */
    private static CommunityId fromMultibase(String key, String what) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing: a share link ends in #zQ3\u2026");
        }
        if (key.charAt(0) != 'z') {
            throw new IllegalArgumentException(what + " must start with z (multibase base58btc), got \"" + Hex.abbreviate(key) + "\"");
        }
        byte[] decoded;
        try {
            decoded = Base58.decode(key.substring(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        if (decoded.length != 35 || decoded[0] != SECP256K1_PUB[0] || decoded[1] != SECP256K1_PUB[1]) {
            throw new IllegalArgumentException(what + " is not a compressed secp256k1 public key (multicodec 0xe7 0x01 and "
                    + "33 bytes); check that the whole link was copied");
        }
        return fromCompressedKey(java.util.Arrays.copyOfRange(decoded, 2, 35));
    }

    private static CommunityId fromCompressedKey(byte[] bytes) {
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

    /**
     * The community's universal chat, {@code 0x<id>-memberUpdate}: current Status clients send every
     * message of the community on it, the archive link included (spec §1).
     */
    public String universalChatId() {
        return hex + "-memberUpdate";
    }

    /** The content topic of the universal chat: what every run archives and every sync fetches. */
    public ContentTopic universalTopic() {
        return ContentTopic.ofChatId(universalChatId());
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
