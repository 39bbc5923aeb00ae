package org.historian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.testing.ArchiveFolders;
import org.historian.testing.TestData;
import org.historian.waku.NdjsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** historian --headless in its own JVM, stopped with SIGTERM as a service manager would. */
class HeadlessModeTest {
    private static final CommunityId ID = TestData.communityId(501);

    @TempDir
    Path temp;

    private void cli(Path data, String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        assertThat(commandLine.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
    }

    @Test
    void itArchivesSeedsAndStopsCleanlyOnSigterm() throws Exception {
        Path data = temp.resolve("data");
        cli(data, "community", "add", "--id", ID.hex(), "--name", "Headless", "--topic", TestData.TOPIC.hex());
        Path messages = temp.resolve("m.ndjson");
        Files.write(messages, ArchiveFolders.weeksOfMessages(3, 100_000, 4).stream().map(NdjsonFormat::format).toList());
        cli(data, "import", messages.toString());
        cli(data, "settings", "set", "torrent.port", "0");
        cli(data, "settings", "set", "torrent.listenAddress", "127.0.0.1");
        cli(data, "settings", "set", "torrent.dht", "false");
        cli(data, "settings", "set", "torrent.trackers", "");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--headless", "--data-dir", data.toString()).redirectErrorStream(true).start();
        Path log = data.resolve("logs").resolve("historian.log");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("Historian is running without a window: 1 community, protocol on");
            assertThat(out.readLine()).contains("log in " + log).endsWith("Stop with Ctrl-C.");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("Headless (" + ID.shortForm() + "): seeding"));
        } finally {
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // Owner-only, as everything in the data directory.
        for (Path file : List.of(log, data.resolve("logs").resolve("torrent.log"), data.resolve("historian.lock"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        String logText = Files.readString(log);
        assertThat(logText).contains("community.historyArchivesCreated").contains("community.historyArchivesSeeding")
                .contains("stopping: unseeding every torrent").contains("community.historyArchivesUnseeded").contains("stopped");
        try (Historian historian = Historian.open(new DataDirectory(data), Clock.systemUTC())) {
            assertThat(historian.stores().events().recent(50, ID)).extracting(HistorianEvent::type)
                    .contains(EventType.ARCHIVES_UNSEEDED, EventType.ARCHIVES_SEEDING, EventType.ARCHIVES_CREATED);
            assertThat(historian.settings().protocolEnabled()).isTrue();
        }
    }
}
