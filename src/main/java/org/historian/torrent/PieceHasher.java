package org.historian.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.model.FolderLayout;

/**
 * Hashes a community folder into torrent pieces. With a cache, only the pieces of {@code data}
 * appended since the last time, plus {@code index}, are read: re-making the torrent after a week
 * is appended to a multi-GB folder costs time in proportion to the week, not the folder.
 */
public final class PieceHasher {
    private static final int PIECE = FolderLayout.PIECE_LENGTH;
    private static final int HASH = 20;

    private final PieceHashCache cache;

    public PieceHasher(PieceHashCache cache) {
        this.cache = cache;
    }

    /** @param directory the community folder, holding {@code data} and {@code index} */
    public PieceHashes hash(CommunityId community, Path directory) throws IOException {
        Path data = directory.resolve(FolderLayout.DATA);
        Path index = directory.resolve(FolderLayout.INDEX);
        long dataLength = Files.size(data);
        long indexLength = Files.size(index);
        if (dataLength % PIECE != 0) {
            // Not a Historian or status-go folder layout: pieces straddle the two files.
            byte[] all = hashStream(new Path[]{data, index}, 0, dataLength + indexLength);
            return new PieceHashes(all, dataLength, indexLength, dataLength + indexLength,
                    "data is not a whole number of pieces");
        }
        int dataPieces = Math.toIntExact(dataLength / PIECE);
        byte[] dataHashes = new byte[dataPieces * HASH];
        long cachedLength = 0;
        String fullRehash = null;
        Optional<PieceHashCache.Entry> cached = cache.load(community);
        if (cached.isPresent()) {
            fullRehash = unusableReason(data, cached.get(), dataLength);
            if (fullRehash == null) {
                cachedLength = cached.get().dataLength();
                System.arraycopy(cached.get().hashes(), 0, dataHashes, 0, (int) (cachedLength / PIECE) * HASH);
            }
        }
        byte[] appended = hashStream(new Path[]{data}, cachedLength, dataLength - cachedLength);
        System.arraycopy(appended, 0, dataHashes, (int) (cachedLength / PIECE) * HASH, appended.length);
        cache.save(community, new PieceHashCache.Entry(dataLength, dataHashes));

        byte[] indexHashes = hashStream(new Path[]{index}, 0, indexLength);
        byte[] all = Arrays.copyOf(dataHashes, dataHashes.length + indexHashes.length);
        System.arraycopy(indexHashes, 0, all, dataHashes.length, indexHashes.length);
        return new PieceHashes(all, dataLength, indexLength, dataLength - cachedLength + indexLength, fullRehash);
    }

    /** The SHA-1 of each 102400-byte piece of {@code bytes} (the last one shorter). */
    public static byte[] hashPieces(byte[] bytes) {
        MessageDigest sha1 = InfoHash.sha1();
        int pieces = (bytes.length + PIECE - 1) / PIECE;
        byte[] hashes = new byte[pieces * HASH];
        for (int piece = 0; piece < pieces; piece++) {
            sha1.update(bytes, piece * PIECE, Math.min(PIECE, bytes.length - piece * PIECE));
            digestInto(sha1, hashes, piece);
        }
        return hashes;
    }

    /**
     * Why the cached hashes do not fit the file: it must not have shrunk, the hashes must match
     * the length they claim, and the last cached piece must still hash the same (a folder
     * replaced by another of the same size would otherwise pass).
     */
    private static String unusableReason(Path data, PieceHashCache.Entry entry, long dataLength) throws IOException {
        if (entry.dataLength() % PIECE != 0 || entry.hashes().length != entry.dataLength() / PIECE * HASH) {
            return "the cached hashes are malformed";
        }
        if (entry.dataLength() > dataLength) {
            return "data is shorter than when it was last hashed (" + dataLength + " < " + entry.dataLength() + " bytes)";
        }
        if (entry.dataLength() == 0) {
            return null;
        }
        byte[] lastPiece = hashStream(new Path[]{data}, entry.dataLength() - PIECE, PIECE);
        byte[] cachedLast = Arrays.copyOfRange(entry.hashes(), entry.hashes().length - HASH, entry.hashes().length);
        return Arrays.equals(lastPiece, cachedLast) ? null : "data changed since it was last hashed";
    }

    /** SHA-1 of each piece of the concatenated files, reading {@code length} bytes from {@code offset}. */
    private static byte[] hashStream(Path[] files, long offset, long length) throws IOException {
        int pieces = Math.toIntExact((length + PIECE - 1) / PIECE);
        byte[] hashes = new byte[pieces * HASH];
        MessageDigest sha1 = InfoHash.sha1();
        byte[] buffer = new byte[PIECE];
        int filled = 0;
        int piece = 0;
        long skip = offset;
        long remaining = length;
        for (Path file : files) {
            long size = Files.size(file);
            if (skip >= size) {
                skip -= size;
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(skip);
                skip = 0;
                while (remaining > 0) {
                    int read = in.read(buffer, filled, (int) Math.min(PIECE - filled, remaining));
                    if (read < 0) {
                        break;
                    }
                    filled += read;
                    remaining -= read;
                    if (filled == PIECE) {
                        sha1.update(buffer, 0, PIECE);
                        digestInto(sha1, hashes, piece++);
                        filled = 0;
                    }
                }
            }
        }
        if (remaining > 0) {
            throw new IOException("a file of the folder changed size while it was being hashed");
        }
        if (filled > 0) {
            sha1.update(buffer, 0, filled);
            digestInto(sha1, hashes, piece);
        }
        return hashes;
    }

    private static void digestInto(MessageDigest sha1, byte[] hashes, int piece) {
        try {
            sha1.digest(hashes, piece * HASH, HASH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("the hash array has room for every piece", e);
        }
    }
}
