package org.historian.service;

/**
 * One archive as the window and the command line show it: its ID, partition {@code [from, to)}
 * (unix seconds), place in the data file and message count.
 *
 * @param messageCount the messages it holds, or -1 when not known yet
 */
public record ArchiveRow(String archiveId, long from, long to, long offset, long size, long padding, long messageCount) {
    /** The pieces of {@code data} the archive takes: it starts and ends on a piece boundary. */
    public long pieceCount() {
        return size / org.historian.model.FolderLayout.PIECE_LENGTH;
    }
}
