package org.historian.service;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.historian.model.Community;
import org.historian.store.MessageRepository;
import org.historian.store.SyncStagingRepository;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;

/**
 * Brings a community's missed messages from a store node into the local store (spec §5.2 step 2):
 * from the newest stored message (or 30 days back) to now. All or nothing: the messages are
 * staged and enter the store in one transaction once the whole range arrived.
 */
public final class MessageSync {
    /** How far back to fetch when nothing is stored yet (spec §2). */
    public static final Duration CATCH_UP_WINDOW = Duration.ofDays(30);

    private final MessageRepository messages;
    private final SyncStagingRepository staging;
    private final Clock clock;

    public MessageSync(MessageRepository messages, SyncStagingRepository staging, Clock clock) {
        this.messages = messages;
        this.staging = staging;
        this.clock = clock;
    }

    /**
     * @param fetched messages the source delivered
     * @param stored  of those, the ones new to the local store
     */
    public record Outcome(long from, long to, long fetched, long stored) {
    }

    /** Fetches what is missing since the newest stored message (or the last 30 days) up to now. */
    public Outcome catchUp(Community community, MessageSource source) throws MessageSourceException, InterruptedException {
        long now = clock.instant().getEpochSecond();
        OptionalLong newest = messages.newestTimestamp(community.topics());
        // The newest second is fetched again: messages of the same second may not all have arrived.
        long from = newest.isPresent() ? newest.getAsLong() : now - CATCH_UP_WINDOW.toSeconds();
        return sync(community, source, Math.min(from, now), now + 1);
    }

    /** Fetches {@code [from, to)}; the local store is the source's own, so there is nothing to do. */
    public Outcome sync(Community community, MessageSource source, long from, long to) throws MessageSourceException,
            InterruptedException {
        if (source instanceof EmbeddedMessageSource) {
            return new Outcome(from, to, 0, 0);
        }
        long syncId = staging.begin();
        try {
            long fetched = source.fetch(community.topics(), community.pubsubTopic(), from, to, page -> staging.add(syncId, page));
            return new Outcome(from, to, fetched, staging.commit(syncId));
        } catch (MessageSourceException | InterruptedException | RuntimeException e) {
            staging.discard(syncId);
            throw e;
        }
    }
}
