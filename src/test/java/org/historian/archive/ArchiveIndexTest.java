package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.historian.proto.WakuMessageArchiveIndex;
import org.historian.proto.WakuMessageArchiveIndexMetadata;
import org.historian.proto.WakuMessageArchiveMetadata;
import org.junit.jupiter.api.Test;

/** Every malformed index gives a specific message, never an OutOfMemoryError or a hang. */
class ArchiveIndexTest {
    private static final int PIECE = ArchiveFormat.PIECE_LENGTH;

    private static ArchiveIndexEntry entry(long from, long offset, long size, long padding) {
        return ArchiveIndexEntry.create(from, from + 100, List.of(new byte[]{1, 2, 3, 4}), offset, size, padding);
    }

    private static byte[] indexOf(ArchiveIndexEntry... entries) {
        WakuMessageArchiveIndex.Builder builder = WakuMessageArchiveIndex.newBuilder();
        for (ArchiveIndexEntry e : entries) {
            builder.putArchives(e.archiveId(), e.metadata());
        }
        return builder.build().toByteArray();
    }

    private static byte[] rawIndex(String key, WakuMessageArchiveIndexMetadata value) {
        return WakuMessageArchiveIndex.newBuilder().putArchives(key, value).build().toByteArray();
    }

    private static WakuMessageArchiveIndexMetadata metadata(long offset, long size, long padding) {
        return WakuMessageArchiveIndexMetadata.newBuilder()
                .setMetadata(WakuMessageArchiveMetadata.newBuilder().setFrom(1).setTo(2).addContentTopic(ByteString.copyFrom(new byte[4])))
                .setOffset(offset).setSize(size).setPadding(padding).build();
    }

    private static String id(WakuMessageArchiveIndexMetadata value) {
        return ArchiveIndexEntry.idOf(value);
    }

    @Test
    void roundTripsAndOrdersByOffset() throws Exception {
        ArchiveIndexEntry first = entry(100, 0, PIECE, 10);
        ArchiveIndexEntry second = entry(200, PIECE, 2L * PIECE, 20);
        ArchiveIndex index = ArchiveIndex.parse(indexOf(second, first));
        assertThat(index.entries()).containsExactly(first, second);
        assertThat(index.accountedLength()).isEqualTo(3L * PIECE);
        assertThat(ArchiveIndex.parse(index.toBytes()).entries()).containsExactly(first, second);
    }

    @Test
    void emptyInputIsAnEmptyIndex() throws Exception {
        assertThat(ArchiveIndex.parse(new byte[0]).entries()).isEmpty();
    }

    @Test
    void truncatedFile() {
        byte[] valid = indexOf(entry(100, 0, PIECE, 10), entry(200, PIECE, PIECE, 20));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 7);
        assertThatThrownBy(() -> ArchiveIndex.parse(truncated))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("not a valid WakuMessageArchiveIndex");
    }

    @Test
    void garbageBytes() {
        byte[] garbage = "this is certainly not a protobuf index\u0000\u00ff".getBytes();
        assertThatThrownBy(() -> ArchiveIndex.parse(garbage))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("index is not a valid WakuMessageArchiveIndex");
    }

    @Test
    void sizeNotAMultipleOfThePieceLength() {
        WakuMessageArchiveIndexMetadata bad = metadata(0, PIECE + 1, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad)))
                .hasMessage("archive " + id(bad) + " has size 102401, not a multiple of the piece length 102400");
    }

    @Test
    void sizeOverTheCap() {
        long huge = (ArchiveFormat.MAX_ARCHIVE_BYTES / PIECE + 1) * PIECE;
        WakuMessageArchiveIndexMetadata bad = metadata(0, huge, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad)))
                .hasMessageContaining("has size " + huge + ", over the limit of " + ArchiveFormat.MAX_ARCHIVE_BYTES);
    }

    @Test
    void sizeBeyondSignedRange() {
        WakuMessageArchiveIndexMetadata bad = metadata(0, -PIECE, 1); // uint64 above 2^63
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad)))
                .hasMessageContaining("beyond 2^63");
    }

    @Test
    void zeroSize() {
        WakuMessageArchiveIndexMetadata bad = metadata(0, 0, 0);
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad))).hasMessageContaining("has size 0");
    }

    @Test
    void paddingNotSmallerThanSize() {
        WakuMessageArchiveIndexMetadata bad = metadata(0, PIECE, PIECE);
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad)))
                .hasMessageContaining("has padding 102400 not smaller than its size 102400");
    }

    @Test
    void offsetsThatLeaveAGapOrOverlap() {
        ArchiveIndexEntry first = entry(100, 0, PIECE, 1);
        ArchiveIndexEntry gap = entry(200, 2L * PIECE, PIECE, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(indexOf(first, gap)))
                .hasMessage("archive " + gap.archiveId() + " starts at offset 204800 but the archives before it end at 102400: "
                        + "it leaves a gap after the archive before it");
        ArchiveIndexEntry wide = entry(100, 0, 2L * PIECE, 1);
        ArchiveIndexEntry overlapping = entry(200, PIECE, PIECE, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(indexOf(wide, overlapping)))
                .hasMessageContaining("overlaps the archive before it");
    }

    @Test
    void firstArchiveNotAtOffsetZero() {
        ArchiveIndexEntry late = entry(100, PIECE, PIECE, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(indexOf(late))).hasMessageContaining("starts at offset 102400");
    }

    @Test
    void fromAfterTo() {
        WakuMessageArchiveIndexMetadata bad = metadata(0, PIECE, 1).toBuilder()
                .setMetadata(WakuMessageArchiveMetadata.newBuilder().setFrom(10).setTo(5)).build();
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(bad), bad))).hasMessageContaining("has from 10 after to 5");
    }

    @Test
    void duplicatedArchiveIds() throws Exception {
        ArchiveIndexEntry one = entry(100, 0, PIECE, 1);
        // A protobuf map parser would merge the two entries silently; write the map entry twice by hand.
        byte[] single = indexOf(one);
        byte[] doubled = new byte[single.length * 2];
        System.arraycopy(single, 0, doubled, 0, single.length);
        System.arraycopy(single, 0, doubled, single.length, single.length);
        assertThatThrownBy(() -> ArchiveIndex.parse(doubled))
                .hasMessage("archive ID " + one.archiveId() + " appears twice in the index");
    }

    @Test
    void malformedArchiveIds() {
        WakuMessageArchiveIndexMetadata value = metadata(0, PIECE, 1);
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex("0xABC", value)))
                .hasMessageContaining("archive ID \"0xABC\" is not 0x followed by 64 lowercase hex digits");
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex("", value))).hasMessageContaining("has no archive ID");
    }

    @Test
    void entryWithoutMetadata() {
        WakuMessageArchiveIndexMetadata value = WakuMessageArchiveIndexMetadata.newBuilder().setSize(PIECE).build();
        assertThatThrownBy(() -> ArchiveIndex.parse(rawIndex(id(value), value))).hasMessageContaining("has no metadata");
    }

    @Test
    void indexOverTheSizeCap() {
        byte[] huge = new byte[(int) ArchiveFormat.MAX_INDEX_BYTES + 1];
        assertThatThrownBy(() -> ArchiveIndex.parse(huge)).hasMessageContaining("over the limit of " + ArchiveFormat.MAX_INDEX_BYTES);
    }

    @Test
    void lengthFieldsClaimingGigabytesDoNotAllocate() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(2_000_000_000);
        out.writeRawBytes(new byte[10]);
        out.flush();
        assertThatThrownBy(() -> ArchiveIndex.parse(bytes.toByteArray()))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("not a valid WakuMessageArchiveIndex");
    }

    @Test
    void randomCorruptionsAreAlwaysReportedAsFormatErrors() {
        byte[] valid = indexOf(entry(100, 0, PIECE, 10), entry(200, PIECE, 3L * PIECE, 20), entry(300, 4L * PIECE, PIECE, 30));
        Random random = new Random(42);
        int rejected = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                ArchiveIndex.parse(mutated);
            } catch (ArchiveFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(4_000);
    }
}
