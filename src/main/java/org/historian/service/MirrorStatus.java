package org.historian.service;

import java.time.Instant;

/**
 * A mirrored community as the window and the command line show it: this node does not own it,
 * follows its archive links and seeds the newest torrent.
 *
 * @param detail     what the operator should know now (why it waits, why a link was refused)
 * @param linkSentAt when the owner sent the newest link accepted, or null before the first
 * @param polledAt   the last read of the store node, or null before the first
 * @param progress   0..1 while fetching
 */
public record MirrorStatus(State state, String detail, Instant linkSentAt, Instant polledAt, double progress) {
    public enum State {
        /** Watching the store node; no link of the community accepted yet. */
        FOLLOWING,
        /** Fetching the torrent of a new link; what it seeded before keeps seeding. */
        FETCHING,
        /** Seeding the newest torrent of the community. */
        SEEDING,
        /** Seeding, but the owner has sent no link for days: it may be offline. */
        STALE,
        /** The newest link was refused (the detail says why); what it seeded before keeps seeding. */
        REFUSED,
        /** No store node is set to read the links from. */
        NO_NODE,
        /** Following is off for this community, or the protocol is off. */
        OFF
    }

    static final MirrorStatus OFF = new MirrorStatus(State.OFF, "", null, null, 0);
}
