package org.historian.testing;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.historian.archive.ArchiveMessageSource;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;
import org.historian.model.StoredMessage;

/** An in-memory message source for archive-format tests that need no database. */
public final class ListSource implements ArchiveMessageSource {
    private final List<StoredMessage> messages;
    public int cursorsOpened;

    public ListSource(List<StoredMessage> messages) {
        this.messages = List.copyOf(messages);
    }

    @Override
    public Cursor<EncodedMessage> open(List<ContentTopic> topics, long from, long to) {
        cursorsOpened++;
        Iterator<EncodedMessage> selected = messages.stream()
                .filter(m -> m.timestamp() >= from && m.timestamp() < to)
                .filter(m -> topics.stream().anyMatch(t -> t.matches(m.topic())))
                .sorted(Comparator.comparingLong(StoredMessage::timestamp))
                .map(StoredMessage::toEncoded)
                .iterator();
        return new Cursor<>() {
            @Override
            public EncodedMessage next() {
                return selected.hasNext() ? selected.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
