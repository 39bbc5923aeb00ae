package org.historian.service;

import java.time.Instant;
import org.historian.model.CommunityId;
import org.historian.torrent.SeedingStats;

/**
 * One sample of a community's seeding, taken about once a second, in the service's words.
 *
 * @param infoHash   the torrent seeded, 40 hex digits
 * @param uploadRate bytes per second over the last few seconds
 * @param error      why the state is ERROR, else empty
 */
public record SeedingFigures(CommunityId community, String infoHash, State state, String error, int peers, long uploaded,
                             long uploadRate, long downloaded, int piecesComplete, int piecesTotal, Instant sampledAt) {
    public enum State {
        /** Verifying the files against the torrent before seeding. */
        CHECKING,
        SEEDING,
        STOPPED,
        ERROR
    }

    static SeedingFigures of(SeedingStats stats) {
        return stats == null ? null : new SeedingFigures(stats.community(), stats.infoHash().hex(), State.valueOf(stats.state().name()),
                stats.error(), stats.peers(), stats.uploaded(), stats.uploadRate(), stats.downloaded(), stats.piecesComplete(),
                stats.piecesTotal(), stats.sampledAt());
    }
}
