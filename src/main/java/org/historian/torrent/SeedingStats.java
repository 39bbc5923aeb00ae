package org.historian.torrent;

import java.time.Instant;
import org.historian.model.CommunityId;

/**
 * One sample of a community's torrent, taken about once a second.
 *
 * @param uploadRate bytes per second over the last few seconds
 * @param error      why the state is ERROR, else empty
 */
public record SeedingStats(CommunityId community, InfoHash infoHash, State state, String error, int peers, long uploaded,
                           long uploadRate, long downloaded, int piecesComplete, int piecesTotal, Instant sampledAt) {
    public enum State {
        /** Verifying the files against the torrent before seeding. */
        CHECKING,
        SEEDING,
        STOPPED,
        ERROR
    }
}
