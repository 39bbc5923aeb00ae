package org.historian.archive;

import java.io.IOException;
import java.util.List;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;

/** Where a run reads stored messages from (the SQLite store in the app). */
@FunctionalInterface
public interface ArchiveMessageSource {
    /** Messages of these topics with {@code from <= timestamp < to}, ordered by timestamp. */
    Cursor<EncodedMessage> open(List<ContentTopic> topics, long from, long to) throws IOException;
}
