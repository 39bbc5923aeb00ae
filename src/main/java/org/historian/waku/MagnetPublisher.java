package org.historian.waku;

import org.historian.model.CommunityId;

/**
 * Where a community's magnet link goes after every (re)seed and periodically (spec §5.4): to the
 * Waku network for members, or, by default, only into Historian's own records.
 */
public interface MagnetPublisher {
    /**
     * @param magnetUri the link as spec §4 writes it
     * @param clock     unix milliseconds, never smaller than the clock of the link published before
     * @throws MagnetPublishException when the link did not reach its destination; the caller
     *                                keeps the previous clock and tries again later
     */
    void publish(CommunityId community, String magnetUri, long clock) throws MagnetPublishException, InterruptedException;

    /** A short description for the operator, e.g. "recorded only, not sent to Waku". */
    String describe();
}
