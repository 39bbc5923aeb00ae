package org.historian.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.StoredMessage;
import org.historian.store.MessageRepository;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;

/**
 * The default message source: the local store itself, always available. Messages reach it by
 * import, by the demo generator, or from a store node through {@link MessageSync}.
 */
public final class EmbeddedMessageSource implements MessageSource {
    private static final int PAGE = 1_000;

    private final MessageRepository messages;

    public EmbeddedMessageSource(MessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public String describe() {
        return "the local message store";
    }

    @Override
    public Availability check() {
        return new Availability(true, "the local message store is always available");
    }

    @Override
    public long fetch(List<ContentTopic> topics, String pubsubTopic, long from, long to, PageConsumer pages)
            throws MessageSourceException {
        long delivered = 0;
        try (Cursor<StoredMessage> cursor = messages.cursor(topics, from, to)) {
            List<StoredMessage> page = new ArrayList<>(PAGE);
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                page.add(message);
                if (page.size() == PAGE) {
                    pages.accept(page);
                    delivered += page.size();
                    page = new ArrayList<>(PAGE);
                }
            }
            pages.accept(page);
            return delivered + page.size();
        } catch (IOException e) {
            throw new MessageSourceException("reading the local message store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong newestTimestamp(List<ContentTopic> topics, String pubsubTopic) {
        return messages.newestTimestamp(topics);
    }
}
