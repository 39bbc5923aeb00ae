package org.historian.waku;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;

/** Where a community's messages come from: the local store itself, or a Waku store node. */
public interface MessageSource {

    /** Whether the source answers now, and if not, why. */
    record Availability(boolean available, String detail) {
    }

    /** Receives one page of messages; runs on the caller's thread. */
    @FunctionalInterface
    interface PageConsumer {
        void accept(List<StoredMessage> page) throws IOException;
    }

    /** A short description for the operator, e.g. "the store node at http://127.0.0.1:8645". */
    String describe();

    /** Never throws: a source that cannot be reached is not available, with the reason. */
    Availability check();

    /**
     * Delivers the messages of {@code topics} on {@code pubsubTopic} with
     * {@code from <= timestamp < to} (unix seconds), page by page, oldest first.
     *
     * @return the number of messages delivered
     */
    long fetch(List<ContentTopic> topics, String pubsubTopic, long from, long to, PageConsumer pages)
            throws MessageSourceException, InterruptedException;

    /** The timestamp of the newest message the source holds for these topics, if any. */
    OptionalLong newestTimestamp(List<ContentTopic> topics, String pubsubTopic) throws MessageSourceException, InterruptedException;
}
