package org.historian.service;

import java.time.Instant;
import org.historian.model.Community;

/**
 * What the service knows of one community at one moment: immutable, cheap to make.
 *
 * @param progress           0..1 while archiving
 * @param message            what the operator should know (an error, what it waits for), else empty
 * @param lastArchiveEndDate unix seconds, or null before the first run
 * @param nextRun            when the next scheduled run starts, or null when none is scheduled
 * @param seeding            the torrent's latest statistics, or null when not seeding
 * @param magnetUri          the magnet link of the torrent seeded (or, before seeding, last published), or null
 * @param infoHash           that torrent's info-hash, 40 hex digits, or null
 * @param publication        whether members can learn of the link, and why not
 * @param mirror             for a community this node mirrors (does not own), what the mirror does; else null
 */
public record CommunityStatus(Community community, Activity activity, double progress, String message, Long lastArchiveEndDate,
                              Instant nextRun, int archiveCount, long archiveBytes, SeedingFigures seeding, String magnetUri,
                              String infoHash, Publication publication, MirrorStatus mirror) {
    /** Whether this node mirrors the community rather than archiving it. */
    public boolean isMirror() {
        return mirror != null;
    }

    public enum Activity {
        /** Archiving is off for this community, or the protocol is off. */
        DISABLED,
        IDLE,
        /** The message source cannot be reached; it is tried again with back-off. */
        WAITING_FOR_SOURCE,
        /** Fetching missed messages from the message source. */
        SYNCING,
        ARCHIVING,
        SEEDING,
        ERROR
    }
}
