package org.historian.torrent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A BitTorrent v1 info-hash: SHA-1 of the bencoded info dictionary, written as 40 lowercase hex. */
public record InfoHash(String hex) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{40}");

    public InfoHash {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("an info-hash is 40 lowercase hex digits");
        }
    }

    public static InfoHash of(byte[] twentyBytes) {
        if (twentyBytes.length != 20) {
            throw new IllegalArgumentException("an info-hash is 20 bytes, got " + twentyBytes.length);
        }
        return new InfoHash(HexFormat.of().formatHex(twentyBytes));
    }

    /** The info-hash of a bencoded info dictionary. */
    public static InfoHash ofInfoDictionary(byte[] bencodedInfo) {
        return of(sha1(bencodedInfo));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] sha1(byte[] bytes) {
        return sha1().digest(bytes);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    public boolean matches(byte[] twentyBytes) {
        return Arrays.equals(bytes(), twentyBytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
