package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.historian.archive.ArchiveFolder;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental hashing gives exactly the full hashes and reads only what was appended. */
class PieceHasherTest {
    private static final CommunityId ID = TestData.communityId(6);

    @TempDir
    Path temp;

    static final class MemoryCache implements PieceHashCache {
        final Map<CommunityId, Entry> entries = new HashMap<>();

        @Override
        public Optional<Entry> load(CommunityId community) {
            return Optional.ofNullable(entries.get(community));
        }

        @Override
        public void save(CommunityId community, Entry entry) {
            entries.put(community, entry);
        }
    }

    private final List<StoredMessage> messages = ArchiveFolders.weeksOfMessages(4, 400_000, 9);
    private final MemoryCache cache = new MemoryCache();

    private ArchiveFolder folder() {
        return ArchiveFolder.of(temp, ID);
    }

    @Test
    void onlyAppendedPiecesAndTheIndexAreReadAgain() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 3);
        PieceHashes first = new PieceHasher(cache).hash(ID, folder().directory());
        assertThat(first.hashedBytes()).isEqualTo(first.dataLength() + first.indexLength());
        long dataBefore = first.dataLength();

        ArchiveFolders.archiveWeeks(temp, ID, messages, 3, 4);
        PieceHashes incremental = new PieceHasher(cache).hash(ID, folder().directory());
        PieceHashes full = new PieceHasher(PieceHashCache.NONE).hash(ID, folder().directory());

        assertThat(incremental.hashes()).isEqualTo(full.hashes());
        assertThat(incremental.fullRehash()).isNull();
        assertThat(incremental.hashedBytes()).isEqualTo(incremental.dataLength() - dataBefore + incremental.indexLength());
        assertThat(cache.entries.get(ID).dataLength()).isEqualTo(incremental.dataLength());
    }

    @Test
    void aShorterFileMeansAFullRehash() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 4);
        new PieceHasher(cache).hash(ID, folder().directory());
        Files.delete(folder().data());
        Files.delete(folder().index());
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 1);
        PieceHashes hashes = new PieceHasher(cache).hash(ID, folder().directory());
        assertThat(hashes.fullRehash()).startsWith("data is shorter than when it was last hashed");
        assertThat(hashes.hashes()).isEqualTo(new PieceHasher(PieceHashCache.NONE).hash(ID, folder().directory()).hashes());
    }

    @Test
    void aChangedLastPieceMeansAFullRehash() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 2);
        PieceHashes before = new PieceHasher(cache).hash(ID, folder().directory());
        try (RandomAccessFile data = new RandomAccessFile(folder().data().toFile(), "rw")) {
            data.seek(before.dataLength() - 10);
            data.write(0x55);
        }
        PieceHashes after = new PieceHasher(cache).hash(ID, folder().directory());
        assertThat(after.fullRehash()).isEqualTo("data changed since it was last hashed");
        assertThat(after.hashes()).isEqualTo(new PieceHasher(PieceHashCache.NONE).hash(ID, folder().directory()).hashes());
        assertThat(after.hashes()).isNotEqualTo(before.hashes());
    }

    @Test
    void malformedCacheEntriesAreNotTrusted() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 2);
        cache.save(ID, new PieceHashCache.Entry(102400, new byte[7]));
        PieceHashes hashes = new PieceHasher(cache).hash(ID, folder().directory());
        assertThat(hashes.fullRehash()).isEqualTo("the cached hashes are malformed");
        assertThat(hashes.hashes()).isEqualTo(new PieceHasher(PieceHashCache.NONE).hash(ID, folder().directory()).hashes());
    }

    @Test
    void aFolderWhoseDataIsNotPieceAlignedIsHashedAsOneStream() throws Exception {
        ArchiveFolders.archiveWeeks(temp, ID, messages, 0, 1);
        Files.write(folder().data(), new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        PieceHashes hashes = new PieceHasher(cache).hash(ID, folder().directory());
        assertThat(hashes.fullRehash()).isEqualTo("data is not a whole number of pieces");
        long total = hashes.dataLength() + hashes.indexLength();
        assertThat(hashes.pieceCount()).isEqualTo((int) ((total + 102399) / 102400));
    }
}
