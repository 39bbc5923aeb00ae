package org.historian.service;

import java.time.Clock;
import java.util.Optional;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.store.CommunityRepository;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;
import org.historian.waku.StoreNodeClient;

/** Fetching missed messages from a store node on request ({@code historian sync}), outside the schedule. */
public final class StoreSync {
    /** What was fetched, and from which node (as the operator named it). */
    public record Result(String node, MessageSync.Outcome outcome) {
    }

    private final CommunityRepository communities;
    private final MessageSync sync;
    private final StoreNodes nodes;
    private final Clock clock;

    /** @param nodes the data directory's store-node clients, shared with the service */
    public StoreSync(CommunityRepository communities, MessageSync sync, StoreNodes nodes, Clock clock) {
        this.communities = communities;
        this.sync = sync;
        this.nodes = nodes;
        this.clock = clock;
    }

    /**
     * Fetches {@code [from, to)} from the node given, else the store node of the settings; without
     * a range, what is missing since the newest stored message (or the last 30 days).
     *
     * @throws IllegalArgumentException when the community is unknown or the URL is not valid
     * @throws IllegalStateException    when no store node is set, or the node cannot be used; the
     *                                  message says why and what to do
     */
    public Result sync(CommunityId id, Optional<String> node, Optional<Long> from, Optional<Long> to) throws InterruptedException {
        Community target = communities.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no community " + id + "; add it first with: historian community add"));
        StoreNodeClient source = nodes.forSync(node).orElseThrow(() -> new IllegalStateException("no store node is configured: "
                + "give --node http://… or save one with historian settings set store.nodeUrl http://…"));
        MessageSource.Availability availability = source.check();
        if (!availability.available()) {
            throw new IllegalStateException(availability.detail());
        }
        try {
            MessageSync.Outcome outcome = from.isEmpty() && to.isEmpty()
                    ? sync.catchUp(target, source)
                    : sync.sync(target, source, from.orElse(0L), to.orElse(clock.instant().getEpochSecond() + 1));
            return new Result(source.describe(), outcome);
        } catch (MessageSourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
