package org.historian.archive;

import org.historian.model.Keccak256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.HOUR;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.OTHER_TOPIC;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;
import static org.historian.testing.TestData.message;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;
import org.historian.proto.WakuMessage;
import org.historian.proto.WakuMessageArchive;
import org.historian.proto.WakuMessageArchiveMetadata;
import org.historian.testing.ListSource;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive format of a run, checked with protobuf-java's own parser and serializer. */
class ArchiveWriterTest {
    private static final CommunityId COMMUNITY = TestData.communityId(7);

    @TempDir
    Path temp;

    private final ArchiveWriter writer = new ArchiveWriter(new DiskFileSystem());

    private ArchiveFolder folder() {
        return ArchiveFolder.of(temp, COMMUNITY);
    }

    private ArchiveRunResult run(long start, long end, List<StoredMessage> messages) throws Exception {
        return run(start, end, messages, false);
    }

    private ArchiveRunResult run(long start, long end, List<StoredMessage> messages, boolean encrypted) throws Exception {
        ArchiveRunRequest request = new ArchiveRunRequest(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), start, end, WEEK, encrypted);
        return writer.run(folder(), request, new ListSource(messages), RunListener.NONE);
    }

    @Test
    void archiveBytesAreExactlyWhatProtobufSerializes() throws Exception {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(TestData.fullMessage(JAN_1_2020 + i * 60L, i));
        }
        ArchiveRunResult result = run(JAN_1_2020, JAN_1_2020 + WEEK, messages);

        WakuMessageArchive.Builder expected = WakuMessageArchive.newBuilder().setMetadata(WakuMessageArchiveMetadata.newBuilder()
                .setFrom(JAN_1_2020).setTo(JAN_1_2020 + WEEK)
                .addContentTopic(ByteString.copyFrom(TOPIC.bytes()))
                .addContentTopic(ByteString.copyFrom(OTHER_TOPIC.bytes())));
        for (StoredMessage m : messages) {
            expected.addMessages(WakuMessage.newBuilder().setSig(ByteString.copyFrom(m.sig())).setTimestamp(m.timestamp())
                    .setTopic(ByteString.copyFrom(m.topic())).setPayload(ByteString.copyFrom(m.payload()))
                    .setPadding(ByteString.copyFrom(m.padding())).setHash(ByteString.copyFrom(m.hash()))
                    .setThirdPartyId(m.thirdPartyId()));
        }
        byte[] expectedBytes = expected.build().toByteArray();
        ArchiveIndexEntry entry = result.created().get(0).entry();
        byte[] data = Files.readAllBytes(folder().data());
        assertThat(Arrays.copyOfRange(data, 0, (int) entry.archiveLength())).isEqualTo(expectedBytes);
        assertThat(entry.padding()).isEqualTo(ArchiveFormat.paddingFor(expectedBytes.length));
        assertThat(data).hasSize((int) entry.size());
        assertThat(Arrays.copyOfRange(data, expectedBytes.length, data.length)).containsOnly(0);
    }

    @Test
    void indexEntriesCarryStatusGoArchiveIds() throws Exception {
        ArchiveRunResult result = run(JAN_1_2020, JAN_1_2020 + 3 * WEEK, List.of(
                message(JAN_1_2020 + HOUR, new byte[]{1}),
                message(JAN_1_2020 + 8 * DAY, new byte[]{2})));
        for (CreatedArchive created : result.created()) {
            byte[] entryBytes = created.entry().metadata().toByteArray();
            assertThat(created.entry().archiveId()).isEqualTo(org.historian.model.Hex.encode(Keccak256.hash(entryBytes)));
            assertThat(created.entry().archiveId()).matches("0x[0-9a-f]{64}");
        }
        ArchiveIndex onDisk = ArchiveIndex.parse(Files.readAllBytes(folder().index()));
        assertThat(onDisk.entries()).extracting(ArchiveIndexEntry::archiveId)
                .containsExactlyElementsOf(result.created().stream().map(c -> c.entry().archiveId()).toList());
    }

    @Test
    void splitsPartitionsIntoChunksOfAtMostThirtyMillionBytes() throws Exception {
        byte[] tenMillion = new byte[10_000_000];
        List<StoredMessage> messages = List.of(
                message(JAN_1_2020 + 1, tenMillion),
                message(JAN_1_2020 + 2, tenMillion),
                message(JAN_1_2020 + 3, tenMillion),     // exactly 30,000,000: still one chunk
                message(JAN_1_2020 + 4, tenMillion),     // starts the second chunk
                message(JAN_1_2020 + 5, new byte[30_000_001]), // over the cap on its own: dropped
                message(JAN_1_2020 + WEEK + 1, new byte[]{9}));
        ArchiveRunResult result = run(JAN_1_2020, JAN_1_2020 + 2 * WEEK, messages);

        assertThat(result.created()).extracting(CreatedArchive::messageCount).containsExactly(3L, 1L, 1L);
        assertThat(result.messagesDropped()).isEqualTo(1);
        assertThat(result.messagesArchived()).isEqualTo(5);
        // Both chunks of the first partition carry the partition's bounds.
        assertThat(result.created()).extracting(c -> c.entry().from())
                .containsExactly(JAN_1_2020, JAN_1_2020, JAN_1_2020 + WEEK);
        assertThat(result.created()).extracting(c -> c.entry().to())
                .containsExactly(JAN_1_2020 + WEEK, JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK);
        for (CreatedArchive created : result.created()) {
            assertThat(created.entry().size() % ArchiveFormat.PIECE_LENGTH).isZero();
            assertThat(created.entry().offset() % ArchiveFormat.PIECE_LENGTH).isZero();
        }
    }

    @Test
    void aPartitionWhoseOnlyMessagesAreOversizedMakesNoArchive() throws Exception {
        ArchiveRunResult result = run(JAN_1_2020, JAN_1_2020 + WEEK, List.of(message(JAN_1_2020 + 5, new byte[30_000_001])));
        assertThat(result.created()).isEmpty();
        assertThat(result.messagesDropped()).isEqualTo(1);
        assertThat(Files.exists(folder().directory())).isFalse();
    }

    @Test
    void onlyTheRunsTopicsAndRangeAreArchivedInTimestampOrder() throws Exception {
        List<StoredMessage> messages = List.of(
                message(JAN_1_2020 + 50, new byte[]{2}),
                message(JAN_1_2020 + 10, new byte[]{1}),
                message(JAN_1_2020 + 20, org.historian.model.ContentTopic.parse("0x00000001"), new byte[]{3}),
                message(JAN_1_2020 - 1, new byte[]{4}),
                message(JAN_1_2020 + WEEK, new byte[]{5}));
        run(JAN_1_2020, JAN_1_2020 + WEEK, messages);
        ArchiveReader reader = new ArchiveReader(new DiskFileSystem());
        ArchiveIndex index = reader.readIndex(folder());
        assertThat(index.entries()).hasSize(1);
        assertThat(reader.readAll(folder(), index.entries().get(0))).extracting(StoredMessage::payload)
                .containsExactly(new byte[]{1}, new byte[]{2});
    }

    @Test
    void refusesEncryptedCommunitiesWithoutWritingAnything() {
        assertThatThrownBy(() -> run(JAN_1_2020, JAN_1_2020 + WEEK, List.of(message(JAN_1_2020 + 1, new byte[]{1})), true))
                .isInstanceOf(EncryptedCommunityException.class)
                .hasMessageContaining("encrypted")
                .hasMessageContaining("no plaintext");
        assertThat(Files.exists(folder().directory())).isFalse();
    }

    @Test
    void aCancelledRunLeavesTheFolderAsItWas() throws Exception {
        run(JAN_1_2020, JAN_1_2020 + WEEK, List.of(message(JAN_1_2020 + 1, new byte[]{1})));
        byte[] dataBefore = Files.readAllBytes(folder().data());
        byte[] indexBefore = Files.readAllBytes(folder().index());
        List<StoredMessage> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(message(JAN_1_2020 + WEEK + i, new byte[]{(byte) i}));
        }
        RunListener cancelAfterFirstProgress = new RunListener() {
            private boolean progressed;

            @Override
            public void progress(long messagesWritten, long position) {
                progressed = true;
            }

            @Override
            public boolean cancelled() {
                return progressed;
            }
        };
        ArchiveRunRequest request = new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), JAN_1_2020 + WEEK, JAN_1_2020 + 2 * WEEK,
                WEEK, false);
        assertThatThrownBy(() -> writer.run(folder(), request, new ListSource(many), cancelAfterFirstProgress))
                .isInstanceOf(RunCancelledException.class);
        assertThat(Files.readAllBytes(folder().data())).isEqualTo(dataBefore);
        assertThat(Files.readAllBytes(folder().index())).isEqualTo(indexBefore);
    }

    @Test
    void partitionsEndAtTheRunEnd() {
        ArchiveRunRequest request = new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), 0, 2 * WEEK + 5, WEEK, false);
        assertThat(request.partitions()).containsExactly(
                new ArchiveRunRequest.Partition(0, WEEK),
                new ArchiveRunRequest.Partition(WEEK, 2 * WEEK),
                new ArchiveRunRequest.Partition(2 * WEEK, 2 * WEEK + 5));
        assertThat(new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), 5, 5, WEEK, false).partitions()).isEmpty();
        assertThatThrownBy(() -> new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), 6, 5, WEEK, false))
                .hasMessageContaining("after end");
    }

    @Test
    void filesArePrivate() throws Exception {
        run(JAN_1_2020, JAN_1_2020 + WEEK, List.of(message(JAN_1_2020 + 1, new byte[]{1})));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().directory())))
                .isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().data())))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().index())))
                .isEqualTo("rw-------");
    }
}
