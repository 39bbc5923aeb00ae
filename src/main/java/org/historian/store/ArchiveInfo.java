package org.historian.store;

/**
 * Where archiving of one community got to.
 *
 * @param lastArchiveEndDate unix seconds, or null before the first run
 * @param magnetClock        unix ms of the last published magnet link, 0 if none
 * @param lastMagnetUri      the last published magnet link, or null
 */
public record ArchiveInfo(Long lastArchiveEndDate, long magnetClock, String lastMagnetUri) {
    public static final ArchiveInfo NONE = new ArchiveInfo(null, 0, null);

    /** The clock of the next link: now, but always above the last one published (members drop older clocks). */
    public long nextMagnetClock(long nowMillis) {
        return Math.max(nowMillis, magnetClock + 1);
    }
}
