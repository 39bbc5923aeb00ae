package org.historian.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.historian.model.Community;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;
import org.historian.waku.NdjsonFormat;

/**
 * Writes a community's stored messages as NDJSON (spec §11), oldest first (then by hash): the
 * format import reads, so export, import and export again give the same bytes.
 */
public final class MessageExporter {
    private final MessageRepository messages;

    public MessageExporter(MessageRepository messages) {
        this.messages = messages;
    }

    /** Observes and may cancel an export. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void progress(long exported) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    /** @return the number of messages written; a cancelled export stops after a whole line */
    public long export(Community community, long from, long to, OutputStream output, Listener listener) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        long exported = 0;
        try (Cursor<StoredMessage> cursor = messages.cursor(community.topics(), from, to)) {
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                out.write(NdjsonFormat.format(message));
                out.write('\n');
                if (++exported % 10_000 == 0) {
                    listener.progress(exported);
                    if (listener.cancelled()) {
                        break;
                    }
                }
            }
        }
        out.flush();
        listener.progress(exported);
        return exported;
    }
}
