package org.historian.waku;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines without ever holding more than {@code maxChars} of one line: a file with a
 * gigantic line (or no newline at all) gives an error for that line, not an OutOfMemoryError.
 */
public final class BoundedLineReader implements AutoCloseable {
    /** One line of input. {@code text} is null when the line was longer than the limit. */
    public record Line(long number, String text, long length) {
        public boolean tooLong() {
            return text == null;
        }
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long lineNumber;

    public BoundedLineReader(InputStream input, int maxChars) {
        this.reader = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxChars = maxChars;
    }

    /** The next line without its line terminator, or null at the end of input. */
    public Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    return finish(text, length);
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if (length + count <= maxChars) {
                text.append(buffer, start, count);
            } else if (text != null) {
                text = null; // over the limit: keep counting to the newline, stop keeping characters
            }
            length += count;
            if (position < limit) {
                position++; // the newline
                return finish(text, length);
            }
        }
    }

    private Line finish(StringBuilder text, long length) {
        lineNumber++;
        if (text != null && text.length() > 0 && text.charAt(text.length() - 1) == '\r') {
            text.setLength(text.length() - 1);
        }
        return new Line(lineNumber, text == null ? null : text.toString(), length);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
