package org.historian.waku;

import org.historian.model.CommunityId;

/**
 * Where a community's magnet link goes after every (re)seed and periodically (spec §5.4): to the
 * Waku network for members, or, when publishing is off, only into Historian's own records.
 */
public interface MagnetPublisher {
    /**
     * What became of a link.
     *
     * @param reachedWaku whether members can receive it now (false: recorded only)
     * @param detail      for the operator, e.g. "published via relay at http://127.0.0.1:8645"
     */
    record Delivery(boolean reachedWaku, String detail) {
    }

    /**
     * @param magnetUri the link as spec §4 writes it
     * @param clock     unix milliseconds, never smaller than the clock of the link published before
     * @throws MagnetPublishException when the link could not be published; the message says why and
     *                                what to do; the caller keeps the previous clock and tries again later
     */
    Delivery publish(CommunityId community, String magnetUri, long clock) throws MagnetPublishException, InterruptedException;

    /** A short description for the operator, e.g. "recorded only, not sent to Waku". */
    String describe();
}
