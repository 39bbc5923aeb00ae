package org.historian.bench;

import static org.historian.archive.DiskFileSystem.deleteRecursively;
import static org.historian.bench.Bench.format;
import static org.historian.bench.Bench.median;
import static org.historian.bench.Bench.seconds;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.historian.app.DataDirectory;
import org.historian.app.Historian;
import org.historian.archive.ArchiveFormat;
import org.historian.model.Keccak256;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;
import org.historian.model.StoredMessage;
import org.historian.service.RunOutcome;

/**
 * Archives N stored messages (default 1,000,000 of 300-byte payloads over 10 weeks) from a real
 * SQLite store and compares the run with writing the same number of bytes sequentially to the
 * same disk (1 MiB writes, then fsync), measured in the same process. Reports messages/s, MB/s,
 * the ratio to the raw write speed and the peak heap during the run.
 *
 * <p>Run with {@code mvn -B -Pbench verify} (options: {@code -Dbench.messages=…},
 * {@code -Dbench.payload=…}, {@code -Dbench.dir=…}). The profile caps the heap at 256 MB.
 */
public final class ArchiveRunBenchmark {
    private static final long START = 1_577_836_800L; // 2020-01-01
    private static final long WEEKS = 10;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 1_000_000);
        int payloadBytes = Integer.getInteger("bench.payload", 300);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-archive"));
        deleteRecursively(dir);
        Files.createDirectories(dir);

        Historian historian = Historian.open(new DataDirectory(dir.resolve("data")), Clock.systemUTC());
        ContentTopic topic = ContentTopic.parse("0x1a2b3c4d");
        Community community = new Community(
                CommunityId.parse("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
                "Benchmark", List.of(topic), false, true, null);
        historian.stores().communities().add(community);

        long storeStarted = System.nanoTime();
        fill(historian, topic, messages, payloadBytes);
        double storeSeconds = seconds(storeStarted);
        System.out.printf("stored %,d messages of %d-byte payloads in %.1f s (setup, not measured below)%n", messages,
                payloadBytes, storeSeconds);

        // Interleave the archive runs with the baselines (alternating which goes first) so that both
        // see the same machine state; this virtual disk's speed varies a lot from one write to the next.
        long end = START + WEEKS * 7 * 86_400;
        long interval = ArchiveFormat.DEFAULT_INTERVAL.toSeconds();
        List<Double> reads = new ArrayList<>();
        List<Double> raws = new ArrayList<>();
        List<Double> runs = new ArrayList<>();
        long peakHeap = 0;
        RunOutcome outcome = null;
        Path rawFile = dir.resolve("raw-write");
        for (int round = 0; round < ROUNDS; round++) {
            long readStarted = System.nanoTime();
            readAll(historian, topic);
            reads.add(seconds(readStarted));

            if (outcome != null && round % 2 == 1) {
                raws.add(rawWrite(rawFile, outcome.bytesAppended()));
            }
            // Each round archives into a community of its own over the same topic: the archives a
            // community has are on record, and a run refuses a folder that lost them.
            deleteRecursively(historian.runner().folder(community.id()).directory());
            community = new Community(org.historian.testing.TestData.communityId(9000 + round), "Benchmark " + round, List.of(topic),
                    false, true, null);
            historian.stores().communities().add(community);
            resetPeaks();
            long runStarted = System.nanoTime();
            outcome = historian.runner().run(community, START, end, interval, RunListener.NONE);
            runs.add(seconds(runStarted));
            peakHeap = Math.max(peakHeap, peakHeap());
            if (round % 2 == 0) {
                raws.add(rawWrite(rawFile, outcome.bytesAppended()));
            }
        }
        long bytes = outcome.bytesAppended();
        double runSeconds = median(runs);
        double rawSeconds = median(raws);
        System.out.printf("archive run: %d archives, %,d messages, %,d bytes; median of %d runs %.2f s (all: %s)%n",
                outcome.created().size(), outcome.messagesArchived(), bytes, ROUNDS, runSeconds, format(runs));
        System.out.printf("  %,.0f messages/s, %.0f MB/s%n", outcome.messagesArchived() / runSeconds, bytes / 1e6 / runSeconds);
        System.out.printf("  reading the same messages from SQLite alone: median %.2f s (all: %s)%n", median(reads), format(reads));
        System.out.printf("raw sequential write + fsync of the same bytes: median %.2f s, %.0f MB/s (all: %s)%n", rawSeconds,
                bytes / 1e6 / rawSeconds, format(raws));
        System.out.printf("ratio archive/raw: %.2f by medians, %.2f fastest run against fastest raw write (target >= 0.50)%n",
                rawSeconds / runSeconds, Collections.min(raws) / Collections.min(runs));
        System.out.printf("peak heap during the runs: %.0f MB (target < 256 MB; max heap %d MB)%n", peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (!Boolean.getBoolean("bench.keep")) {
            deleteRecursively(dir);
        }
    }

    private static void fill(Historian historian, ContentTopic topic, int count, int payloadBytes) {
        Random random = new Random(42);
        long span = WEEKS * 7 * 86_400;
        List<StoredMessage> batch = new ArrayList<>(10_000);
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[payloadBytes];
            random.nextBytes(payload);
            byte[] hash = Keccak256.hash(ByteBuffer.allocate(4 + payload.length).putInt(i).put(payload).array());
            long timestamp = START + (long) i * span / count;
            batch.add(new StoredMessage(new byte[0], timestamp, topic.bytes(), payload, new byte[0], hash, ""));
            if (batch.size() == 10_000) {
                historian.stores().messages().insert(batch);
                batch.clear();
            }
        }
        historian.stores().messages().insert(batch);
    }

    /** Reads every message week by week as a run does, without writing anything. */
    private static void readAll(Historian historian, ContentTopic topic) throws IOException {
        long count = 0;
        for (long week = 0; week < WEEKS; week++) {
            long from = START + week * 7 * 86_400;
            try (Cursor<EncodedMessage> cursor = historian.stores().messages().encodedCursor(List.of(topic), from, from + 7 * 86_400)) {
                while (cursor.next() != null) {
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no messages were read");
        }
    }

    /** Writes {@code bytes} of noise sequentially in 1 MiB writes, then fsyncs; returns the seconds taken. */
    private static double rawWrite(Path file, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        new Random(1).nextBytes(buffer.array());
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < bytes) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), bytes - written));
                written += channel.write(buffer);
            }
            channel.force(true);
        }
        double seconds = seconds(started);
        Files.delete(file);
        return seconds;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
