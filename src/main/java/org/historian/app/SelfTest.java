package org.historian.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.historian.model.Community;
import org.historian.model.FolderLayout;
import org.historian.model.LocalFiles;
import org.historian.service.ArchiveFetcher;
import org.historian.service.ArchiveRow;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityStatus;
import org.historian.service.DemoCommunity;
import org.historian.service.ExecutorTaskScheduler;
import org.historian.service.FetchProgress;
import org.historian.service.SeedingFigures;
import org.historian.service.TorrentOverrides;

/**
 * {@code historian --headless --self-test}: the whole owner-to-member path on this machine, in a
 * temporary folder, nothing beyond 127.0.0.1. An owner's archive service archives a generated
 * community, seeds it and publishes its magnet link; a second client fetches the archives by
 * that link and imports them; the files and message counts must match. Proves an installation
 * works (bundled runtime, native SQLite, torrent client, sockets).
 */
final class SelfTest {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
    private static final int WEEKS = 3;

    private final PrintWriter out;
    private final long started = System.nanoTime();

    private SelfTest(PrintWriter out) {
        this.out = out;
    }

    /** Runs the self-test; 0 when every step passed, 1 otherwise (the failed step says why). */
    static int run(PrintWriter out) {
        Path temp = null;
        SelfTest test = new SelfTest(out);
        try {
            temp = Files.createTempDirectory("historian-self-test-");
            test.run(temp);
            test.step("self-test passed");
            return 0;
        } catch (Exception e) {
            test.step("self-test FAILED: " + e.getMessage());
            return 1;
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private void run(Path temp) throws Exception {
        step("Historian " + Version.current() + " on Java " + Runtime.version() + ", temporary data in " + temp);
        Community community;
        String magnet;
        long archivedMessages;
        byte[] ownerData;
        byte[] ownerIndex;
        try (Historian owner = open(temp.resolve("owner"))) {
            community = DemoCommand.addDemo(owner, new DemoCommunity.Spec("Self-test", 7, Instant.now(), WEEKS));
            step("owner: generated " + owner.admin().messageCount(community) + " messages over " + WEEKS + " weeks");
            ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(2, owner.clock());
            ArchiveService service = owner.archiveService(scheduler);
            try {
                service.start();
                CommunityStatus seeding = awaitSeeding(service, community);
                magnet = seeding.magnetUri();
                List<ArchiveRow> ledger = owner.overview().details(community.id(), Duration.ofDays(7), Instant.now().getEpochSecond())
                        .archives();
                archivedMessages = ledger.stream().mapToLong(ArchiveRow::messageCount).sum();
                step("owner: " + ledger.size() + " archives (" + archivedMessages + " messages), seeding on 127.0.0.1:"
                        + service.snapshot().engine().port() + ", magnet link published");
                Path folder = owner.dataDirectory().archiveFolder(community.id());
                ownerData = Files.readAllBytes(folder.resolve(FolderLayout.DATA));
                ownerIndex = Files.readAllBytes(folder.resolve(FolderLayout.INDEX));
                fetchAsMember(temp.resolve("member"), community, ArchiveFetcher.Source.ofMagnet(magnet,
                        List.of("127.0.0.1:" + service.snapshot().engine().port())), archivedMessages, ownerData, ownerIndex);
            } finally {
                service.close();
                scheduler.close();
            }
        }
    }

    private void fetchAsMember(Path root, Community community, ArchiveFetcher.Source link, long archivedMessages, byte[] ownerData,
                               byte[] ownerIndex) throws Exception {
        try (Historian member = open(root)) {
            try {
                member.torrentClient().start(TorrentOverrides.NONE);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("the member's torrent client did not start: " + e.getMessage(), e);
            }
            ArchiveFetcher.Outcome outcome = member.fetcher().fetch(community.id(), link, Duration.ofSeconds(60), FetchProgress.NONE,
                    job -> { });
            step("member: fetched " + outcome.downloaded().size() + " archives (" + outcome.bytesDownloaded()
                    + " bytes) by magnet link, imported " + outcome.messagesImported() + " messages");
            Path folder = member.dataDirectory().archiveFolder(community.id());
            if (!Arrays.equals(Files.readAllBytes(folder.resolve(FolderLayout.DATA)), ownerData)
                    || !Arrays.equals(Files.readAllBytes(folder.resolve(FolderLayout.INDEX)), ownerIndex)) {
                throw new IllegalStateException("the fetched data or index differs from the owner's");
            }
            if (outcome.messagesImported() != archivedMessages || !outcome.importFailures().isEmpty()) {
                throw new IllegalStateException("the member imported " + outcome.messagesImported() + " messages of "
                        + archivedMessages + (outcome.importFailures().isEmpty() ? "" : ": " + outcome.importFailures()));
            }
            step("member: data and index identical to the owner's, every message read back");
        }
    }

    /** A data directory that keeps everything on 127.0.0.1: a free port, no DHT, no trackers. */
    private static Historian open(Path directory) throws IOException {
        Historian historian = Historian.open(new DataDirectory(directory), Clock.systemUTC());
        historian.settings().keepTorrentsOnLoopback();
        return historian;
    }

    private CommunityStatus awaitSeeding(ArchiveService service, Community community) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<CommunityStatus> status = service.snapshot().communities().stream()
                    .filter(candidate -> candidate.community().id().equals(community.id())).findFirst();
            if (status.isPresent()) {
                CommunityStatus current = status.get();
                if (current.activity() == CommunityStatus.Activity.ERROR) {
                    throw new IllegalStateException("the owner's service reported: " + current.message());
                }
                if (current.activity() == CommunityStatus.Activity.SEEDING && current.magnetUri() != null
                        && current.seeding() != null && current.seeding().state() == SeedingFigures.State.SEEDING) {
                    return current;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the owner was not seeding within " + STEP_TIMEOUT.toSeconds() + " s");
    }

    private void step(String message) {
        out.printf(java.util.Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
        out.flush();
    }

    private static void deleteQuietly(Path root) {
        try {
            LocalFiles.deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            // A temporary folder; the system cleans it up eventually.
        }
    }
}
