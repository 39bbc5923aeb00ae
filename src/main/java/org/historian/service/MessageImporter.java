package org.historian.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;
import org.historian.waku.BoundedLineReader;
import org.historian.waku.NdjsonFormat;

/**
 * Streams an NDJSON file (spec §11) into the store in batches. Bad lines are reported with their
 * line number and skipped; good lines are stored; duplicates (same hash) are counted.
 */
public final class MessageImporter {
    /** Longest line accepted: a 30 MB payload in hex plus the other fields. */
    public static final int MAX_LINE_CHARS = 64 * 1024 * 1024;
    /** Errors kept for the report; the count goes on past it. */
    public static final int MAX_REPORTED_ERRORS = 100;
    private static final int BATCH_MESSAGES = 5_000;
    private static final long BATCH_BYTES = 32L * 1024 * 1024;

    private final MessageRepository messages;

    public MessageImporter(MessageRepository messages) {
        this.messages = messages;
    }

    /** Observes and may cancel an import. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void progress(long bytesRead, long linesRead, long imported) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    public record LineError(long line, String reason) {
    }

    /**
     * @param cancelled batches stored before the cancel stay stored
     */
    public record Report(long lines, long imported, long duplicates, long errorCount, List<LineError> errors,
                         boolean cancelled) {
        public Report {
            errors = List.copyOf(errors);
        }
    }

    /** @throws IllegalArgumentException for a file in UTF-16 or UTF-32 (a UTF-8 byte order mark is skipped) */
    public Report importNdjson(InputStream input, Listener listener) throws IOException {
        CountingStream counted = new CountingStream(org.historian.model.Utf8Text.withoutBom(input));
        List<StoredMessage> batch = new ArrayList<>();
        long batchBytes = 0;
        long lines = 0;
        long imported = 0;
        long duplicates = 0;
        long errorCount = 0;
        List<LineError> errors = new ArrayList<>();
        try (BoundedLineReader reader = new BoundedLineReader(counted, MAX_LINE_CHARS)) {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lines = line.number();
                if (line.tooLong()) {
                    errorCount = addError(errors, errorCount, new LineError(line.number(),
                            "line is " + line.length() + " characters, over the limit of " + MAX_LINE_CHARS));
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                try {
                    StoredMessage message = NdjsonFormat.parse(line.text());
                    batch.add(message);
                    batchBytes += message.payload().length + message.sig().length + message.padding().length;
                } catch (IllegalArgumentException e) {
                    errorCount = addError(errors, errorCount, new LineError(line.number(), e.getMessage()));
                }
                if (batch.size() >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) {
                    MessageRepository.InsertResult result = messages.insert(batch);
                    imported += result.inserted();
                    duplicates += result.duplicates();
                    batch.clear();
                    batchBytes = 0;
                    listener.progress(counted.count, lines, imported);
                    if (listener.cancelled()) {
                        return new Report(lines, imported, duplicates, errorCount, errors, true);
                    }
                }
            }
        }
        MessageRepository.InsertResult result = messages.insert(batch);
        imported += result.inserted();
        duplicates += result.duplicates();
        listener.progress(counted.count, lines, imported);
        return new Report(lines, imported, duplicates, errorCount, errors, false);
    }

    private static long addError(List<LineError> errors, long errorCount, LineError error) {
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(error);
        }
        return errorCount + 1;
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
