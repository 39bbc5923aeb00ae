package org.historian.torrent;

import java.util.Optional;
import org.historian.model.CommunityId;

/**
 * Remembers the SHA-1s of a community's {@code data} pieces between runs. {@code data} is
 * append-only and piece-aligned, so old pieces never change and only new ones need hashing.
 */
public interface PieceHashCache {
    /**
     * @param dataLength bytes of {@code data} the hashes cover
     * @param hashes     20 bytes per piece, {@code dataLength / 102400} pieces
     */
    record Entry(long dataLength, byte[] hashes) {
    }

    Optional<Entry> load(CommunityId community);

    void save(CommunityId community, Entry entry);

    /** A cache that remembers nothing: every hash is a full hash. */
    PieceHashCache NONE = new PieceHashCache() {
        @Override
        public Optional<Entry> load(CommunityId community) {
            return Optional.empty();
        }

        @Override
        public void save(CommunityId community, Entry entry) {
        }
    };
}
