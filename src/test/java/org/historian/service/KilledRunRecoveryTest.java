package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.JAN_1_2020;
import static org.historian.testing.TestData.TOPIC;
import static org.historian.testing.TestData.WEEK;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.StoredMessage;
import org.historian.store.LedgerEntry;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills (SIGKILL) a child JVM in the middle of a run, at each point that matters, then starts
 * again as the app does: the interrupted run is detected and completed or rolled back, and
 * archiving again gives exactly the files of a run that was never interrupted.
 */
class KilledRunRecoveryTest {
    private static final long SEED = 21;
    private static final long END = JAN_1_2020 + 3 * WEEK;

    @TempDir
    Path temp;

    private static List<StoredMessage> messages() {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            byte[] payload = new byte[1500];
            payload[0] = (byte) i;
            payload[1] = (byte) (i >> 8);
            messages.add(TestData.message(JAN_1_2020 + i * 300L, payload));
        }
        return messages;
    }

    private static FixtureStore storeWithFirstWeek(Path root) throws Exception {
        FixtureStore store = new FixtureStore(root);
        Community community = TestData.community(SEED, TOPIC);
        store.communities.add(community);
        store.messages.insert(messages());
        store.runner.run(community, JAN_1_2020, JAN_1_2020 + WEEK, WEEK, RunListener.NONE);
        return store;
    }

    @ParameterizedTest(name = "killed after \"{0}\"")
    @CsvSource({
            "write data, ROLLED_BACK",
            "sync data, ROLLED_BACK",
            "sync .index.tmp, ROLLED_BACK",
            "rename .index.tmp -> index, COMPLETED"})
    void aKilledRunIsRecoveredAtTheNextStart(String stopAfter, ArchiveRunner.Recovery.Outcome expected) throws Exception {
        Path controlRoot = Files.createDirectory(temp.resolve("control"));
        FixtureStore control = storeWithFirstWeek(controlRoot);
        Community community = TestData.community(SEED, TOPIC);
        control.runner.run(community, JAN_1_2020 + WEEK, END, WEEK, RunListener.NONE);
        ArchiveFolder controlFolder = control.runner.folder(community.id());

        Path root = Files.createDirectory(temp.resolve("killed"));
        storeWithFirstWeek(root);
        runChildAndKill(root, stopAfter);

        FixtureStore restarted = new FixtureStore(root);
        List<ArchiveRunner.Recovery> recoveries = restarted.runner.recoverInterruptedRuns();
        assertThat(recoveries).singleElement().satisfies(recovery -> {
            assertThat(recovery.outcome()).isEqualTo(expected);
            assertThat(recovery.start()).isEqualTo(JAN_1_2020 + WEEK);
            assertThat(recovery.end()).isEqualTo(END);
        });
        assertThat(restarted.journal.unfinished()).isEmpty();

        // The service recomputes from the store and archives what is left.
        long lastEnd = restarted.runner.lastEnd(community).orElseThrow();
        assertThat(lastEnd).isEqualTo(expected == ArchiveRunner.Recovery.Outcome.COMPLETED ? END : JAN_1_2020 + WEEK);
        restarted.runner.run(community, lastEnd, END, WEEK, RunListener.NONE);

        ArchiveFolder folder = restarted.runner.folder(community.id());
        assertThat(Files.readAllBytes(folder.data())).isEqualTo(Files.readAllBytes(controlFolder.data()));
        assertThat(Files.readAllBytes(folder.index())).isEqualTo(Files.readAllBytes(controlFolder.index()));
        ArchiveIndex index = ArchiveIndex.parse(Files.readAllBytes(folder.index()));
        assertThat(restarted.ledger.list(community.id())).extracting(LedgerEntry::archiveId)
                .containsExactlyElementsOf(index.entries().stream().map(e -> e.archiveId()).toList());
        assertThat(restarted.ledger.list(community.id())).extracting(LedgerEntry::messageCount)
                .containsExactlyElementsOf(control.ledger.list(community.id()).stream().map(LedgerEntry::messageCount).toList());
    }

    private static void runChildAndKill(Path root, String stopAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                root.toString(), Long.toString(SEED), Long.toString(JAN_1_2020 + WEEK), Long.toString(END), Long.toString(WEEK),
                stopAfter)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return output.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).isEqualTo("PAUSED " + stopAfter);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
