package org.historian.service;

import java.time.Instant;

/**
 * Whether members can learn of a community's current archives: what became of its magnet link.
 *
 * @param detail      what happened and, when it failed, why and what to do
 * @param at          when it happened, or null before the first attempt
 * @param nextAttempt when a failed publish is tried again, or when one being sent is given up; or null
 */
public record Publication(State state, String detail, Instant at, Instant nextAttempt) {
    public static final Publication NOTHING_YET = new Publication(State.NOTHING_YET, "no archives seeded yet", null, null);

    public enum State {
        /** Nothing seeded, so nothing to publish. */
        NOTHING_YET,
        /** Recorded in Historian only: Waku publishing is off. */
        RECORDED_ONLY,
        /** Being sent, since {@code at}; given up at {@code nextAttempt} if the node does not take it. */
        SENDING,
        /** Sent to the Waku network. */
        PUBLISHED,
        /** The last attempt failed; it is tried again at {@code nextAttempt}. */
        FAILED
    }
}
