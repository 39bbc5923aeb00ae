package org.historian.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** A 4-byte Waku content topic as stored with messages, written {@code 0x} + 8 lowercase hex. */
public record ContentTopic(String hex) implements Comparable<ContentTopic> {
    private static final Pattern FORM = Pattern.compile("0x[0-9a-f]{8}");

    public ContentTopic {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("a content topic is 0x followed by 8 lowercase hex digits (4 bytes)");
        }
    }

    public static ContentTopic parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("content topic is empty; expected 0x followed by 8 hex digits");
        }
        byte[] bytes;
        try {
            bytes = Hex.decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content topic: " + e.getMessage(), e);
        }
        return of(bytes);
    }

    public static ContentTopic of(byte[] bytes) {
        if (bytes.length != 4) {
            throw new IllegalArgumentException("content topic must be exactly 4 bytes, got " + bytes.length);
        }
        return new ContentTopic(Hex.encode(bytes));
    }

    /** The topic of a Status chat, as status-go derives it: the first 4 bytes of Keccak-256 of the chat ID. */
    public static ContentTopic ofChatId(String chatId) {
        return of(Arrays.copyOf(Keccak256.hash(chatId.getBytes(StandardCharsets.UTF_8)), 4));
    }

    public byte[] bytes() {
        return Hex.decode(hex);
    }

    public boolean matches(byte[] topic) {
        return Arrays.equals(bytes(), topic);
    }

    @Override
    public int compareTo(ContentTopic other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
