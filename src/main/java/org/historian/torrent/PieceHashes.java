package org.historian.torrent;

/**
 * The SHA-1 of every 102400-byte piece of {@code data ‖ index}.
 *
 * @param hashedBytes bytes read and hashed to produce these (the rest came from the cache)
 * @param fullRehash  why the cache could not be used, or null when it was used (or there was none)
 */
public record PieceHashes(byte[] hashes, long dataLength, long indexLength, long hashedBytes, String fullRehash) {
    public int pieceCount() {
        return hashes.length / 20;
    }
}
