package org.historian.bench;

import static org.historian.archive.DiskFileSystem.deleteRecursively;
import static org.historian.bench.Bench.seconds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.historian.app.DataDirectory;
import org.historian.app.Historian;
import org.historian.model.ContentTopic;
import org.historian.model.Keccak256;
import org.historian.model.StoredMessage;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityStatus;
import org.historian.service.ExecutorTaskScheduler;
import org.historian.service.ServiceSnapshot;
import org.historian.testing.TestData;

/**
 * Many communities in one headless service, as {@code historian --headless} runs them: a data
 * directory of N communities with 20 stored messages each over the past three weeks and nothing
 * archived yet; then a cold start (a fresh Historian, the real Bt engine on 127.0.0.1) until every
 * community is archived and seeding, and a restart over the archives made. Prints the times, the
 * process's resident memory (VmRSS, VmHWM) next to the targets, and a baseline of the same
 * run: the time to read every community's stored messages once.
 *
 * <p>Run with {@code mvn -B -Pbench test-compile exec:exec@scale-benchmark}
 * ({@code -Dbench.scale.communities=1000}, comma-separated for several sizes).
 */
public final class ScaleBenchmark {
    private static final long WEEK = 7 * 86_400;
    private static final int SCHEDULER_THREADS = 3;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int communities = Integer.getInteger("bench.scale.communities", 1000);
        double targetSeconds = Double.parseDouble(System.getProperty("bench.scale.targetSeconds", "20"));
        long targetRssMb = Long.getLong("bench.scale.targetRssMb", 1536);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-scale")).resolve(Integer.toString(communities));
        deleteRecursively(dir);
        Files.createDirectories(dir);
        long started = System.nanoTime();
        prepare(dir, communities);
        System.out.printf("scale set-up: %,d communities of 20 messages, nothing archived (%.1f s, not measured)%n", communities,
                seconds(started));
        System.out.printf("baseline: reading every community's messages once: %.2f s%n", readAll(dir));

        Result cold = run(dir, communities);
        System.out.printf("cold start of %,d communities until all archived and seeding: %.1f s (target for 1,000: under %.0f s; "
                        + "%.1f ms per community)%n", communities, cold.seconds(), targetSeconds, cold.seconds() * 1000 / communities);
        System.out.printf("  resident memory when all seed: %,d MB, peak %,d MB (target for 10,000: under %,d MB); %,d threads%n",
                cold.rssMb(), cold.peakMb(), targetRssMb, cold.threads());
        Result restart = run(dir, communities);
        System.out.printf("restart over their archives until all seed: %.1f s; resident %,d MB, peak %,d MB; %,d threads%n",
                restart.seconds(), restart.rssMb(), restart.peakMb(), restart.threads());
        System.exit(0);
    }

    private record Result(double seconds, long rssMb, long peakMb, long threads) {
    }

    private static void prepare(Path dir, int communities) throws IOException {
        long now = Instant.now().getEpochSecond();
        Random random = new Random(7);
        try (Historian setup = Historian.open(new DataDirectory(dir), Clock.systemUTC())) {
            List<StoredMessage> batch = new ArrayList<>();
            for (int i = 1; i <= communities; i++) {
                setup.stores().communities().add(TestData.community(i, topic(i)));
                for (int m = 0; m < 20; m++) {
                    batch.add(message(random, now - 3 * WEEK + random.nextInt((int) (2 * WEEK)), topic(i)));
                }
                if (batch.size() >= 10_000) {
                    setup.stores().messages().insert(batch);
                    batch.clear();
                }
            }
            setup.stores().messages().insert(batch);
        }
    }

    private static double readAll(Path dir) throws IOException {
        try (Historian historian = Historian.open(new DataDirectory(dir), Clock.systemUTC())) {
            long started = System.nanoTime();
            long total = 0;
            for (var community : historian.stores().communities().list()) {
                total += historian.stores().messages().count(community.topics(), 0, Long.MAX_VALUE);
            }
            if (total == 0) {
                throw new IllegalStateException("no messages");
            }
            return seconds(started);
        }
    }

    private static Result run(Path dir, int communities) throws Exception {
        long started = System.nanoTime();
        try (Historian historian = Historian.open(new DataDirectory(dir), Clock.systemUTC());
             ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(SCHEDULER_THREADS, historian.clock())) {
            ArchiveService service = historian.archiveService(scheduler);
            service.start();
            long lastReport = System.nanoTime();
            while (true) {
                ServiceSnapshot snapshot = service.snapshot();
                long seeding = snapshot.communities().stream().filter(s -> s.archiveCount() > 0)
                        .filter(s -> s.activity() == CommunityStatus.Activity.SEEDING).count();
                if (seeding == communities) {
                    break;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  %.0f s: %,d seeding%n", seconds(started), seeding);
                }
                if (seconds(started) > 1800) {
                    throw new IllegalStateException("not all seeding after 30 minutes: " + seeding);
                }
                Thread.sleep(50);
            }
            double seconds = seconds(started);
            long[] memory = memory();
            service.close();
            return new Result(seconds, memory[0], memory[1], memory[2]);
        }
    }

    /** VmRSS and VmHWM of this process, in MB, and its threads. */
    private static long[] memory() throws IOException {
        long rss = 0;
        long peak = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[]{rss, peak, threads};
    }

    private static ContentTopic topic(int community) {
        return ContentTopic.parse(String.format("0x%08x", community));
    }

    private static StoredMessage message(Random random, long timestamp, ContentTopic topic) {
        byte[] payload = new byte[200];
        random.nextBytes(payload);
        byte[] hash = Keccak256.hash(ByteBuffer.allocate(8 + payload.length).putLong(timestamp).put(payload).array());
        return new StoredMessage(new byte[0], timestamp, topic.bytes(), payload, new byte[0], hash, "");
    }
}
