package org.historian.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of the event log.
 *
 * @param community null for app-wide events (protocol enabled/disabled)
 * @param from      unix seconds, or null where the event has no range
 * @param to        unix seconds, or null where the event has no range
 * @param detail    human-readable detail, empty when the type says it all
 */
public record HistorianEvent(Instant at, EventType type, CommunityId community, Long from, Long to, String detail) {
    public HistorianEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
    }

    public static HistorianEvent of(Instant at, EventType type, CommunityId community) {
        return new HistorianEvent(at, type, community, null, null, "");
    }

    public static HistorianEvent ranged(Instant at, EventType type, CommunityId community, long from, long to) {
        return new HistorianEvent(at, type, community, from, to, "");
    }

    public HistorianEvent withDetail(String text) {
        return new HistorianEvent(at, type, community, from, to, text);
    }
}
