package org.historian.torrent;

import java.nio.charset.StandardCharsets;

/**
 * URL query escaping as Go's {@code url.QueryEscape} does it (what status-go's magnet links use):
 * everything but {@code A-Z a-z 0-9 - _ . ~} is percent-encoded, a space becomes {@code +}.
 * Java's URLEncoder differs on {@code ~} and {@code *}.
 */
final class QueryEscape {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryEscape() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3 / 2);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes strictly: {@code +} is a space, {@code %XX} a byte, and the result must be UTF-8.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    static String unescape(String text) {
        byte[] out = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out[length++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("malformed percent-escape at position " + i);
                }
                out[length++] = (byte) (Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                throw new IllegalArgumentException("unescaped non-ASCII character at position " + i);
            } else {
                out[length++] = (byte) c;
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(out, 0, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("escaped bytes are not UTF-8", e);
        }
    }
}
