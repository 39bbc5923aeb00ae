package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.CommunityId;
import org.historian.model.StoredMessage;
import org.historian.testing.FaultyFileSystem;
import org.historian.testing.ListSource;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails at any step leaves the folder in its last good state (after the start-up
 * check), and running again gives exactly the bytes an uninterrupted run gives.
 */
class CrashSafetyTest {
    private static final CommunityId COMMUNITY = TestData.communityId(5);

    @TempDir
    Path temp;

    private static List<StoredMessage> messages() {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // 3 weeks of messages with 2 KB payloads: several pieces per archive and several buffer flushes.
            byte[] payload = new byte[2048];
            payload[0] = (byte) i;
            payload[1] = (byte) (i >> 8);
            messages.add(TestData.message(JAN_1_2020 + i * 600L, payload));
        }
        return messages;
    }

    private static final ArchiveRunRequest FIRST_WEEK = new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), JAN_1_2020,
            JAN_1_2020 + WEEK, WEEK, false);
    private static final ArchiveRunRequest NEXT_WEEKS = new ArchiveRunRequest(COMMUNITY, List.of(TOPIC), JAN_1_2020 + WEEK,
            JAN_1_2020 + 3 * WEEK, WEEK, false);

    private static ArchiveFolder folderIn(Path root) {
        return ArchiveFolder.of(root, COMMUNITY);
    }

    @Test
    void failingEveryStepOfARunLosesNothing() throws Exception {
        ListSource source = new ListSource(messages());
        // The reference: both runs without failures.
        Path control = Files.createDirectory(temp.resolve("control"));
        new ArchiveWriter(new DiskFileSystem()).run(folderIn(control), FIRST_WEEK, source, RunListener.NONE);
        FaultyFileSystem recorder = new FaultyFileSystem(-1);
        new ArchiveWriter(recorder).run(folderIn(control), NEXT_WEEKS, source, RunListener.NONE);
        List<String> steps = recorder.operations;
        assertThat(steps).contains("open-append data", "sync data", "create .index.tmp", "write .index.tmp",
                "sync .index.tmp", "rename .index.tmp -> index");
        assertThat(steps.indexOf("sync data")).isLessThan(steps.indexOf("create .index.tmp"));
        byte[] expectedData = Files.readAllBytes(folderIn(control).data());
        byte[] expectedIndex = Files.readAllBytes(folderIn(control).index());

        for (int failAt = 0; failAt < steps.size(); failAt++) {
            Path root = Files.createDirectory(temp.resolve("fail-" + failAt));
            ArchiveFolder folder = folderIn(root);
            new ArchiveWriter(new DiskFileSystem()).run(folder, FIRST_WEEK, source, RunListener.NONE);
            byte[] dataBefore = Files.readAllBytes(folder.data());
            byte[] indexBefore = Files.readAllBytes(folder.index());

            int step = failAt;
            assertThatThrownBy(() -> new ArchiveWriter(new FaultyFileSystem(step)).run(folder, NEXT_WEEKS, source, RunListener.NONE))
                    .as("failure at %s", steps.get(failAt))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("injected failure at " + steps.get(failAt));

            // What start-up does with the run the journal recorded: roll back to the length it began with.
            new FolderCheck(new DiskFileSystem()).rollBackRun(folder, dataBefore.length);
            assertThat(Files.readAllBytes(folder.data())).as("data after failing at %s", steps.get(failAt)).isEqualTo(dataBefore);
            assertThat(Files.readAllBytes(folder.index())).as("index after failing at %s", steps.get(failAt)).isEqualTo(indexBefore);
            assertThat(Files.exists(folder.indexInProgress())).isFalse();

            new ArchiveWriter(new DiskFileSystem()).run(folder, NEXT_WEEKS, source, RunListener.NONE);
            assertThat(Files.readAllBytes(folder.data())).isEqualTo(expectedData);
            assertThat(Files.readAllBytes(folder.index())).isEqualTo(expectedIndex);
        }
    }

    @Test
    void dataLongerThanTheIndexIsTruncatedOnlyForTheRunTheJournalRecorded() throws Exception {
        ArchiveFolder folder = folderIn(temp);
        new ArchiveWriter(new DiskFileSystem()).run(folder, FIRST_WEEK, new ListSource(messages()), RunListener.NONE);
        byte[] dataBefore = Files.readAllBytes(folder.data());
        // What a crash between the data append and the index rename leaves behind.
        Files.write(folder.data(), new byte[250_000], java.nio.file.StandardOpenOption.APPEND);
        Files.write(folder.indexInProgress(), new byte[]{1, 2, 3});
        FolderCheck check = new FolderCheck(new DiskFileSystem());

        // Looking changes nothing, and no run starts on such a folder.
        assertThat(check.inspect(folder).unaccountedBytes()).isEqualTo(250_000);
        assertThatThrownBy(() -> check.requireConsistent(folder)).isInstanceOf(CorruptArchiveFolderException.class)
                .hasMessageContaining("has 250000 bytes after the last archive").hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> new ArchiveWriter(new DiskFileSystem()).run(folder, NEXT_WEEKS, new ListSource(messages()),
                RunListener.NONE)).isInstanceOf(CorruptArchiveFolderException.class);
        assertThat(Files.size(folder.data())).isEqualTo(dataBefore.length + 250_000L);
        // A journal that recorded another starting length proves nothing: refused, unchanged.
        assertThatThrownBy(() -> check.rollBackRun(folder, dataBefore.length - ArchiveFormat.PIECE_LENGTH))
                .hasMessageContaining("damaged or replaced since");
        assertThat(Files.size(folder.data())).isEqualTo(dataBefore.length + 250_000L);

        assertThat(check.rollBackRun(folder, dataBefore.length)).isEqualTo(250_000);
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(dataBefore);
        assertThat(Files.exists(folder.indexInProgress())).isFalse();
    }

    @Test
    void anIndexPointingPastTheDataIsRejectedAndNothingChanges() throws Exception {
        ArchiveFolder folder = folderIn(temp);
        new ArchiveWriter(new DiskFileSystem()).run(folder, NEXT_WEEKS, new ListSource(messages()), RunListener.NONE);
        try (RandomAccessFile data = new RandomAccessFile(folder.data().toFile(), "rw")) {
            data.setLength(data.length() - ArchiveFormat.PIECE_LENGTH);
        }
        byte[] dataBefore = Files.readAllBytes(folder.data());
        byte[] indexBefore = Files.readAllBytes(folder.index());

        assertThatThrownBy(() -> new FolderCheck(new DiskFileSystem()).inspect(folder))
                .isInstanceOf(CorruptArchiveFolderException.class)
                .hasMessageContaining("points past the end of its data")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining("Restore the folder from a backup");
        assertThatThrownBy(() -> new ArchiveWriter(new DiskFileSystem()).run(folder, new ArchiveRunRequest(COMMUNITY, List.of(TOPIC),
                JAN_1_2020 + 3 * WEEK, JAN_1_2020 + 4 * WEEK, WEEK, false), new ListSource(messages()), RunListener.NONE))
                .isInstanceOf(CorruptArchiveFolderException.class);
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(dataBefore);
        assertThat(Files.readAllBytes(folder.index())).isEqualTo(indexBefore);
    }

    @Test
    void anUnreadableIndexIsRejectedAndNothingChanges() throws Exception {
        ArchiveFolder folder = folderIn(temp);
        new ArchiveWriter(new DiskFileSystem()).run(folder, FIRST_WEEK, new ListSource(messages()), RunListener.NONE);
        Files.write(folder.index(), "garbage".getBytes());
        long dataLength = Files.size(folder.data());
        assertThatThrownBy(() -> new FolderCheck(new DiskFileSystem()).inspect(folder))
                .isInstanceOf(CorruptArchiveFolderException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("Nothing was changed");
        assertThat(Files.size(folder.data())).isEqualTo(dataLength);
    }
}
