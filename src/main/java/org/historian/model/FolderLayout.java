package org.historian.model;

/**
 * A community folder as spec §4 lays it out, shared by the archive format and the torrent over it:
 * {@code 0x<id>/data} (archives, each padded to the piece length) and {@code 0x<id>/index}.
 */
public final class FolderLayout {
    /** Torrent piece length and padding unit: 100 KiB, not a power of two. */
    public static final int PIECE_LENGTH = 102_400;
    /** Largest index file Historian reads; a weekly index for a century is well under 1 MiB. */
    public static final long MAX_INDEX_BYTES = 16L * 1024 * 1024;
    public static final String DATA = "data";
    public static final String INDEX = "index";

    private FolderLayout() {
    }
}
