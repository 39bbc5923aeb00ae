package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.app.CommandRun.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.historian.app.CommandRun.Result;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.model.CommunityId;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and careless input on the command line: damaged folders, dates in the future, careless
 * paths. Each case once deleted, skipped or overwrote data; now nothing is lost and the message
 * says what is wrong and what to do.
 */
class DamagedDataCommandsTest {
    private static final CommunityId ID = TestData.communityId(321);
    private static final CommunityId OTHER = TestData.communityId(322);

    @TempDir
    Path temp;

    private Path data() {
        return temp.resolve("data");
    }

    private Result cli(String... args) {
        return run(data(), args);
    }

    private ArchiveFolder folder(CommunityId id) {
        return ArchiveFolder.of(data().resolve("archivedata"), id);
    }

    /** Two communities, each with three weekly archives of 2020. */
    private void archived() throws Exception {
        Path file = temp.resolve("messages.ndjson");
        for (CommunityId id : List.of(ID, OTHER)) {
            assertThat(cli("community", "add", "--id", id.hex(), "--topic", (id == ID ? TestData.TOPIC : TestData.OTHER_TOPIC).hex())
                    .exitCode()).isZero();
        }
        var messages = new java.util.ArrayList<>(ArchiveFolders.weeksOfMessages(3, 50_000, 6));
        messages.addAll(ArchiveFolders.weeksOfMessages(3, 50_000, 6).stream()
                .map(m -> TestData.message(m.timestamp(), TestData.OTHER_TOPIC, m.payload())).toList());
        Files.write(file, messages.stream().map(NdjsonFormat::format).toList(), StandardCharsets.UTF_8);
        assertThat(cli("import", file.toString()).exitCode()).isZero();
        for (CommunityId id : List.of(ID, OTHER)) {
            Result archived = cli("archive", "--community", id.hex(), "--to", "2020-01-22T00:00:00Z");
            assertThat(archived.out()).as(archived.err()).contains("Created 3 archives");
        }
    }

    @Test
    void archiveNeverTruncatesDataWhoseIndexIsMissingAndRepairRebuildsIt() throws Exception {
        archived();
        byte[] data = Files.readAllBytes(folder(ID).data());
        byte[] index = Files.readAllBytes(folder(ID).index());
        Files.delete(folder(ID).index());

        Result refused = cli("archive", "--community", ID.hex(), "--to", "2020-02-05T00:00:00Z");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).doesNotContain("Removed");
        assertThat(refused.err()).contains("its index is missing").contains("the ledger lists 3 archives")
                .contains("historian repair --community " + ID.hex());
        assertThat(Files.readAllBytes(folder(ID).data())).isEqualTo(data);

        Result repaired = cli("repair", "--community", ID.hex());
        assertThat(repaired.exitCode()).as(repaired.err()).isZero();
        assertThat(repaired.out()).contains("Rebuilt the index of " + ID.hex() + ": 3 archives");
        assertThat(Files.readAllBytes(folder(ID).index())).isEqualTo(index);
        assertThat(cli("inspect", "--community", ID.hex()).exitCode()).isZero();
    }

    @Test
    void seedAndMagnetKeepTheLastGoodTorrentAndSeedTheOtherCommunities() throws Exception {
        archived();
        Path torrent = data().resolve("torrents").resolve(ID.hex() + ".torrent");
        byte[] goodTorrent = Files.readAllBytes(torrent);
        for (String damage : List.of("truncated data", "corrupt index", "index past the data", "20 MiB index")) {
            byte[] data = Files.readAllBytes(folder(ID).data());
            byte[] index = Files.readAllBytes(folder(ID).index());
            switch (damage) {
                case "truncated data" -> Files.write(folder(ID).data(), java.util.Arrays.copyOf(data, data.length - 102_400));
                case "corrupt index" -> Files.write(folder(ID).index(), "not an index".getBytes(StandardCharsets.UTF_8));
                case "index past the data" -> {
                    ArchiveIndex parsed = ArchiveIndex.parse(index);
                    var last = parsed.entries().get(2);
                    var moved = org.historian.archive.ArchiveIndexEntry.create(last.from(), last.to(), List.of(TestData.TOPIC.bytes()),
                            last.offset(), last.size() + 102_400, last.padding() + 102_400);
                    Files.write(folder(ID).index(), ArchiveIndex.empty().withAppended(List.of(parsed.entries().get(0),
                            parsed.entries().get(1), moved)).toBytes());
                }
                default -> Files.write(folder(ID).index(), new byte[20 * 1024 * 1024]);
            }
            Result magnet = cli("magnet", "--community", ID.hex());
            assertThat(magnet.exitCode()).as(damage).isEqualTo(1);
            assertThat(magnet.err()).as(damage).startsWith("historian: ").doesNotContain("Exception").doesNotContain("\tat ");

            Result seeded = cli("seed", "--stop-after", "PT0.5S", "--status-every", "PT1H", "--no-dht", "--no-trackers",
                    "--listen-address", "127.0.0.1", "--port", "0");
            assertThat(seeded.exitCode()).as(damage).isEqualTo(1);
            assertThat(seeded.out()).as(damage).contains(": not seeded: ").contains("seeding magnet:?xt=urn:btih:")
                    .contains("Not seeded: Community " + ID.shortForm());
            assertThat(seeded.err()).as(damage).doesNotContain("\tat ");
            assertThat(Files.readAllBytes(torrent)).as(damage + ": the last good torrent").isEqualTo(goodTorrent);
            Files.write(folder(ID).data(), data);
            Files.write(folder(ID).index(), index);
        }
    }

    @Test
    void exportNeverOverwritesTheDataDirectoryOrAnExistingFile() throws Exception {
        archived();
        Path database = data().resolve("historian.db");
        byte[] before = Files.readAllBytes(database);
        Result intoDatabase = cli("export", "--community", ID.hex(), "--output", database.toString());
        assertThat(intoDatabase.exitCode()).isEqualTo(1);
        assertThat(intoDatabase.err()).contains("is inside the data directory");
        Result intoFolder = cli("export", "--community", ID.hex(), "--output", folder(ID).data().toString());
        assertThat(intoFolder.err()).contains("is inside the data directory");
        Path link = temp.resolve("link-to-db");
        Files.createSymbolicLink(link, database);
        assertThat(cli("export", "--community", ID.hex(), "--output", link.toString(), "--force").err())
                .contains("is inside the data directory");
        assertThat(Files.readAllBytes(database)).isEqualTo(before);

        Path existing = Files.writeString(temp.resolve("notes.txt"), "keep me");
        Result refused = cli("export", "--community", ID.hex(), "--output", existing.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(cli("export", "--community", ID.hex(), "--output", existing.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readAllLines(existing)).hasSize(150);

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli("export", "--community", ID.hex(), "--output", "-").exitCode()).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toByteArray()).isEqualTo(Files.readAllBytes(existing));
    }

    @Test
    void endDatesInTheFutureAreRefusedAndNothingIsStored() throws Exception {
        archived();
        long started = System.nanoTime();
        Result farAhead = cli("archive", "--community", ID.hex(), "--to", "9999-12-31T00:00:00Z");
        assertThat(farAhead.exitCode()).isEqualTo(1);
        assertThat(farAhead.err()).contains("is in the future");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(20));
        String monthAhead = java.time.Instant.now().plus(java.time.Duration.ofDays(31)).toString();
        assertThat(cli("archive", "--community", ID.hex(), "--to", monthAhead).err()).contains("is in the future");
        // The stored end date is still the last archive's: the community archives on normally.
        Result later = cli("archive", "--community", ID.hex(), "--to", "2020-02-05T00:00:00Z");
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(later.out()).contains("[2020-01-22T00:00:00Z, 2020-02-05T00:00:00Z)");
    }

    @Test
    void anArchiveThatEndsInTheFutureFailsInspection() throws Exception {
        assertThat(cli("community", "add", "--id", ID.hex(), "--topic", TestData.TOPIC.hex()).exitCode()).isZero();
        long end = 253_402_214_400L; // 9999-12-31, one partition from 2020 on
        Files.createDirectories(folder(ID).directory().getParent());
        new org.historian.archive.ArchiveWriter(new org.historian.archive.DiskFileSystem()).run(folder(ID),
                new org.historian.archive.ArchiveRunRequest(ID, List.of(TestData.TOPIC), TestData.JAN_1_2020, end,
                        end - TestData.JAN_1_2020, false), new org.historian.testing.ListSource(ArchiveFolders.weeksOfMessages(1, 1_000, 2)),
                org.historian.archive.RunListener.NONE);
        Result inspected = cli("inspect", "--community", ID.hex());
        assertThat(inspected.exitCode()).isEqualTo(1);
        assertThat(inspected.out()).contains("in the future");
    }

    @Test
    void anIntervalBeyondAYearIsRefusedWhenSet() {
        Result refused = cli("settings", "set", "archive.interval", "P999999999999D");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("archive.interval: must be at most 366 days");
        assertThat(cli("settings", "set", "magnet.republishPeriod", "P999999999999D").err()).contains("at most 366 days");
    }

    @Test
    void anEmptyDataDirectoryIsAnErrorAndTheCurrentDirectoryIsLeftAlone() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(cwd));
        CommandLine2 result = CommandLine2.run("--data-dir", "", "community", "list");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--data-dir is empty");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cwd))).isEqualTo(mode);
        assertThat(Files.exists(cwd.resolve("historian.db"))).isFalse();
    }

    /** The command line without the --data-dir that {@link CommandRun} puts first. */
    private record CommandLine2(int exitCode, String out, String err) {
        static CommandLine2 run(String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new java.io.PrintWriter(out, true));
            commandLine.setErr(new java.io.PrintWriter(err, true));
            int code = commandLine.execute(args);
            return new CommandLine2(code, out.toString(), err.toString());
        }
    }
}
