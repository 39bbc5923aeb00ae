package org.historian.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/**
 * Input files are UTF-8. A UTF-8 byte order mark (written by some Windows editors) is skipped; a
 * file in UTF-16 or UTF-32 is refused with its encoding named, rather than with a parse error of
 * its first character.
 */
public final class Utf8Text {
    private static final int HEAD = 4;

    private Utf8Text() {
    }

    /** The bytes without a UTF-8 byte order mark. @throws IllegalArgumentException for UTF-16 or UTF-32 */
    public static byte[] withoutBom(byte[] bytes) {
        int skip = bomLength(bytes, bytes.length);
        return skip == 0 ? bytes : Arrays.copyOfRange(bytes, skip, bytes.length);
    }

    /** The stream past a UTF-8 byte order mark. @throws IllegalArgumentException for UTF-16 or UTF-32 */
    public static InputStream withoutBom(InputStream input) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(input, HEAD);
        byte[] head = new byte[HEAD];
        int read = 0;
        while (read < HEAD) {
            int n = stream.read(head, read, HEAD - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        int skip = bomLength(head, read);
        if (read > skip) {
            stream.unread(head, skip, read - skip);
        }
        return stream;
    }

    /** 3 for a UTF-8 byte order mark, else 0. */
    static int bomLength(byte[] head, int length) {
        int b0 = length > 0 ? head[0] & 0xff : -1;
        int b1 = length > 1 ? head[1] & 0xff : -1;
        int b2 = length > 2 ? head[2] & 0xff : -1;
        int b3 = length > 3 ? head[3] & 0xff : -1;
        if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
            return 3;
        }
        String encoding = null;
        if (b0 == 0xff && b1 == 0xfe) {
            encoding = b2 == 0 && b3 == 0 ? "UTF-32 little-endian (it starts with the byte order mark FF FE 00 00)"
                    : "UTF-16 little-endian (it starts with the byte order mark FF FE)";
        } else if (b0 == 0xfe && b1 == 0xff) {
            encoding = "UTF-16 big-endian (it starts with the byte order mark FE FF)";
        } else if (b0 == 0 && b1 == 0 && b2 == 0xfe && b3 == 0xff) {
            encoding = "UTF-32 big-endian (it starts with the byte order mark 00 00 FE FF)";
        } else if (length >= 4 && b0 != 0 && b1 == 0 && b2 != 0 && b3 == 0) {
            encoding = "UTF-16 little-endian (every second byte is zero)";
        } else if (length >= 4 && b0 == 0 && b1 != 0 && b2 == 0 && b3 != 0) {
            encoding = "UTF-16 big-endian (every second byte is zero)";
        }
        if (encoding != null) {
            throw new IllegalArgumentException("the file is " + encoding + "; Historian reads UTF-8: save it as UTF-8 and try again");
        }
        return 0;
    }
}
