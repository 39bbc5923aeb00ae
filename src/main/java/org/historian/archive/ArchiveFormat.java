package org.historian.archive;

import java.time.Duration;

/** Constants of the archive format (spec §2) and the bounds Historian puts on untrusted input. */
public final class ArchiveFormat {
    /** Torrent piece length and padding unit: 100 KiB, not a power of two. */
    public static final int PIECE_LENGTH = org.historian.model.FolderLayout.PIECE_LENGTH;
    /** Cap of one archive chunk, counted as the sum of {@code len(payload) + len(sig)}. */
    public static final long MAX_CHUNK_BYTES = 30_000_000L;
    /** Partition length and scheduler period. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(7);
    /**
     * How far an archive's end may lie ahead of this machine's clock: clocks of machines disagree a
     * little. An end further ahead would mark time as archived before its messages exist.
     */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The longest archive interval: a year. Longer ones overflow date arithmetic and make no sense. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(366);

    /** Largest index file Historian reads; a weekly index for a century is well under 1 MiB. */
    public static final long MAX_INDEX_BYTES = org.historian.model.FolderLayout.MAX_INDEX_BYTES;
    /**
     * Largest archive (size including padding) Historian accepts from an index. A chunk caps
     * payload+sig at 30 MB; per-message framing of millions of tiny messages can add a few times
     * that, so the cap leaves room while still refusing absurd sizes.
     */
    public static final long MAX_ARCHIVE_BYTES = 256L * 1024 * 1024;
    /** Largest single encoded message Historian reads: the chunk cap plus generous framing. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private ArchiveFormat() {
    }

    /**
     * Zero bytes to append so the archive ends on a piece boundary. Pads to the next multiple
     * only: status-go adds a whole extra piece when the size is already an exact multiple larger
     * than one piece; readers accept either.
     */
    public static int paddingFor(long rawSize) {
        if (rawSize <= 0) {
            throw new IllegalArgumentException("an archive is never empty");
        }
        long remainder = rawSize % PIECE_LENGTH;
        return remainder == 0 ? 0 : (int) (PIECE_LENGTH - remainder);
    }

    /** Unix seconds as an ISO instant, or the bare number when it is beyond what dates can show. */
    public static String instant(long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > java.time.Instant.MAX.getEpochSecond()) {
            return Long.toUnsignedString(unixSeconds) + " (unix seconds)";
        }
        return java.time.Instant.ofEpochSecond(unixSeconds).toString();
    }

    /** Whether an archive ending at {@code toSeconds} ends in the future of {@code now}, beyond the clock skew. */
    public static boolean endsInTheFuture(long toSeconds, java.time.Instant now) {
        return Long.compareUnsigned(toSeconds, now.getEpochSecond() + MAX_CLOCK_SKEW.toSeconds()) > 0;
    }
}
