package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.historian.app.CommandRun.Result;
import org.historian.model.CommunityId;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator uses it, run in-process against a real data directory. */
class CommandLineTest {
    private static final CommunityId ID = TestData.communityId(99);

    @TempDir
    Path temp;

    private Path dataDir;

    private Result run(String... args) {
        return CommandRun.run(dataDir, args);
    }

    @BeforeEach
    void dataDirectory() {
        dataDir = temp.resolve("data");
    }

    private Path ndjson(String... lines) throws Exception {
        Path file = temp.resolve("messages.ndjson");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private void addCommunity() {
        Result added = run("community", "add", "--id", ID.hex(), "--name", "Test Community", "--topic", "0x1a2b3c4d");
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    @Test
    void addingACommunityValidatesEachField() {
        Result badId = run("community", "add", "--id", "0x02" + "f".repeat(64), "--name", "X", "--topic", "0x1a2b3c4d");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("--id: community ID is not a point on the secp256k1 curve");
        Result badTopic = run("community", "add", "--id", ID.hex(), "--name", "X", "--topic", "0x1a2b");
        assertThat(badTopic.err()).contains("--topic: content topic must be exactly 4 bytes, got 2");

        addCommunity();
        assertThat(Files.isDirectory(dataDir)).isTrue();
        Result again = run("community", "add", "--id", ID.hex(), "--name", "Again", "--topic", "0x1a2b3c4d");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already added");
        assertThat(run("community", "list").out()).contains(ID.hex()).contains("Test Community").contains("archives=0");
    }

    @Test
    void importReportsBadLinesWithTheirNumbers() throws Exception {
        Path file = ndjson(NdjsonFormat.format(TestData.message(TestData.JAN_1_2020, new byte[]{1})), "{oops",
                NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 5, new byte[]{2})));
        Result result = run("import", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(file + ":2: not valid JSON");
        assertThat(result.out()).contains("Imported 2 messages").contains("1 bad lines of 3");

        Result again = run("import", file.toString());
        assertThat(again.out()).contains("Imported 0 messages").contains("2 already stored");
        Result missing = run("import", temp.resolve("nope.ndjson").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.ndjson");
    }

    @Test
    void archiveThenInspect() throws Exception {
        addCommunity();
        run("import", ndjson(
                NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 3600, new byte[]{1})),
                NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 7200, new byte[]{2})),
                NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 8 * 86400, new byte[]{3}))).toString());

        Result archived = run("archive", "--community", ID.hex(), "--from", "2020-01-01T00:00:00Z", "--to", "1579046400");
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        assertThat(archived.out()).contains("Created 2 archives for Test Community over [2020-01-01T00:00:00Z, 2020-01-15T00:00:00Z)")
                .contains("3 messages");

        Result inspected = run("inspect", "--community", ID.hex());
        assertThat(inspected.exitCode()).as(inspected.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(inspected.out());
        assertThat(report.get("verification").get("ok").asBoolean()).isTrue();
        JsonNode archives = report.get("archives");
        assertThat(archives).hasSize(2);
        assertThat(archives.get(0).get("from").asLong()).isEqualTo(TestData.JAN_1_2020);
        assertThat(archives.get(0).get("messageCount").asLong()).isEqualTo(2);
        assertThat(archives.get(1).get("offset").asLong()).isEqualTo(102400);
        assertThat(archives.get(1).get("id").asText()).matches("0x[0-9a-f]{64}");
        for (String field : List.of("id", "from", "to", "offset", "size", "padding", "messageCount")) {
            assertThat(archives.get(0).has(field)).as(field).isTrue();
        }

        // The next run starts at the last end date by default, and an overlapping --from is refused.
        Result overlapping = run("archive", "--community", ID.hex(), "--from", "2020-01-10T00:00:00Z");
        assertThat(overlapping.exitCode()).isEqualTo(1);
        assertThat(overlapping.err()).contains("is before the last archive end date 2020-01-15T00:00:00Z");
        Result next = run("archive", "--community", ID.hex(), "--to", "2020-01-22T00:00:00Z");
        assertThat(next.out()).contains("No archives created for Test Community: no messages in [2020-01-15T00:00:00Z, 2020-01-22T00:00:00Z)");
    }

    @Test
    void inspectExitsWithOneOnAnyMismatch() throws Exception {
        addCommunity();
        run("import", ndjson(NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 1, new byte[]{1}))).toString());
        run("archive", "--community", ID.hex(), "--from", "1577836800", "--to", "1578441600");
        Path data = dataDir.resolve("archivedata").resolve(ID.hex()).resolve("data");
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
            file.seek(2);
            file.write(0xff);
        }
        Result inspected = run("inspect", "--community", ID.hex());
        assertThat(inspected.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(inspected.out());
        assertThat(report.get("verification").get("ok").asBoolean()).isFalse();
        assertThat(report.get("verification").get("problems").get(0).asText()).contains("archive 0x");
    }

    @Test
    void timesMustBeInstantsOrUnixSeconds() {
        addCommunity();
        Result bad = run("archive", "--community", ID.hex(), "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'yesterday' is not a time: use an ISO-8601 instant such as 2020-01-01T00:00:00Z, or unix seconds");
        Result nothing = run("archive", "--community", ID.hex());
        assertThat(nothing.out()).contains("Nothing to archive: no messages are stored for the topics of Test Community.");
        Result unknown = run("archive", "--community", TestData.communityId(100).hex());
        assertThat(unknown.err()).contains("no community").contains("add it first");
    }

    @Test
    void aCorruptFolderIsReportedAndLeftAlone() throws Exception {
        addCommunity();
        run("import", ndjson(NdjsonFormat.format(TestData.message(TestData.JAN_1_2020 + 1, new byte[]{1}))).toString());
        run("archive", "--community", ID.hex(), "--from", "1577836800", "--to", "1578441600");
        Path index = dataDir.resolve("archivedata").resolve(ID.hex()).resolve("index");
        Files.write(index, new byte[]{(byte) 0xff, 0x01});
        Result result = run("archive", "--community", ID.hex());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot be read").contains("Nothing was changed");
        assertThat(Files.readAllBytes(index)).containsExactly(0xff, 0x01);
    }

    @Test
    void versionAndHelp() {
        Result version = run("--version");
        assertThat(version.out()).startsWith("Historian ");
        assertThat(run("--help").out()).contains("import", "community", "archive", "inspect");
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryIsRefusedWithAClearMessage() throws Exception {
        try (Historian running = Historian.open(new DataDirectory(dataDir), java.time.Clock.systemUTC())) {
            Result second = run("community", "list");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).startsWith("historian: Historian is already running with this data directory: " + dataDir)
                    .contains("(process " + ProcessHandle.current().pid() + ")")
                    .contains("--data-dir");
            assertThat(running.stores().communities().list()).isEmpty();
        }
        // Released on close: the next instance opens it.
        assertThat(run("community", "list").exitCode()).isZero();
    }

    @Test
    void theSelfTestRunsOnlyWithoutAWindow() {
        Result result = run("--self-test");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("historian --headless --self-test");
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void theSelfTestPassesEndToEnd() {
        Result result = run("--headless", "--self-test");
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("owner: 3 archives", "member: data and index identical to the owner's", "self-test passed");
        assertThat(Files.exists(dataDir)).as("the self-test touches no data directory").isFalse();
    }
}
