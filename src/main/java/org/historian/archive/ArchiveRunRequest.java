package org.historian.archive;

import java.util.List;
import java.util.Objects;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;

/**
 * One run (spec §5.1): archive {@code [start, end)} in partitions of {@code intervalSeconds}.
 *
 * @param encrypted the community is token-gated; its archives must never be written in plaintext
 */
public record ArchiveRunRequest(CommunityId community, List<ContentTopic> topics, long start, long end,
                                long intervalSeconds, boolean encrypted) {
    public ArchiveRunRequest {
        Objects.requireNonNull(community, "community");
        topics = List.copyOf(topics);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("start and end must not be negative");
        }
        if (start > end) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /** The half-open partitions {@code [from, to)} of the run, oldest first. */
    public List<Partition> partitions() {
        java.util.ArrayList<Partition> partitions = new java.util.ArrayList<>();
        for (long from = start; from < end; from = Math.min(from + intervalSeconds, end)) {
            partitions.add(new Partition(from, Math.min(from + intervalSeconds, end)));
        }
        return partitions;
    }

    public record Partition(long from, long to) {
    }
}
