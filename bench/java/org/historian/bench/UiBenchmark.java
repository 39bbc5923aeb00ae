package org.historian.bench;

import static org.awaitility.Awaitility.await;
import static org.historian.archive.DiskFileSystem.deleteRecursively;
import static org.historian.bench.Bench.median;
import static org.historian.bench.Bench.seconds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.historian.app.DataDirectory;
import org.historian.app.GuiFixture;
import org.historian.app.Historian;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.Keccak256;
import org.historian.model.StoredMessage;
import org.historian.service.CommunityStatus;
import org.historian.testing.TestData;
import org.historian.ui.MainView;

/**
 * What the window costs and whether it ever stalls.
 *
 * <ol>
 *   <li>Start-up: a fresh JVM until the first frame of the main window over a data directory of
 *       1,000 communities, and until its list holds them all, against a fresh JVM showing a
 *       one-label JavaFX window (the toolkit's own cost), 5 rounds each, medians.</li>
 *   <li>FX-thread stalls: the window over 1,000 communities that archive and seed for real (Bt
 *       on 127.0.0.1), their statistics sampled every second; then one more community with
 *       1,000,000 stored messages is switched on and archived while the window shows it. An
 *       animation timer records the gap between consecutive frames: idle (the baseline) and
 *       during the run. A gap is time the FX thread could not draw.</li>
 * </ol>
 *
 * <p>Run with {@code mvn -B -Pbench verify}; headless (Monocle, software rendering), as the UI
 * tests. Options: {@code -Dbench.ui.communities=…}, {@code -Dbench.ui.messages=…}.
 */
public final class UiBenchmark {
    private static final long WEEK = 7 * 86_400;
    private static final int ROUNDS = 5;

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int communities = Integer.getInteger("bench.ui.communities", 1000);
        int messages = Integer.getInteger("bench.ui.messages", 1_000_000);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-ui"));
        deleteRecursively(dir);
        Files.createDirectories(dir);

        if (!Boolean.getBoolean("bench.ui.skipStartUp")) {
            startUp(dir.resolve("start-up"), communities);
        }
        stalls(dir.resolve("stalls"), communities, messages);
        Platform.exit();
        System.exit(0);
    }

    private static void startUp(Path data, int communities) throws Exception {
        try (Historian historian = Historian.open(new DataDirectory(data), Clock.systemUTC())) {
            for (int i = 1; i <= communities; i++) {
                historian.stores().communities().add(TestData.community(i, topic(i)));
            }
        }
        List<Long> baseline = new ArrayList<>();
        List<Long> firstFrame = new ArrayList<>();
        List<Long> filled = new ArrayList<>();
        List<Long> opened = new ArrayList<>();
        List<Long> built = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            baseline.add(child("baseline").get("FIRST_FRAME_MS"));
            Map<String, Long> historian = child("historian", data.toString(), Integer.toString(communities));
            firstFrame.add(historian.get("FIRST_FRAME_MS"));
            filled.add(historian.get("LIST_FILLED_MS"));
            opened.add(historian.get("OPENED_MS"));
            built.add(historian.get("WINDOW_BUILT_MS"));
        }
        long base = median(baseline);
        System.out.printf("start-up, fresh JVM to first frame (median of %d): one-label JavaFX window %d ms; Historian over %,d "
                        + "communities %d ms (%.2fx); list filled with all %,d at %d ms%n", ROUNDS, base, communities,
                median(firstFrame), (double) median(firstFrame) / base, communities, median(filled));
        System.out.printf("  phases: data directory open (toolkit starting beside it) at %d ms, window built at %d ms%n",
                median(opened), median(built));
    }

    private static Map<String, Long> child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dheadless.geometry=1600x1200-32", "-cp", System.getProperty("java.class.path"), UiFirstFrame.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Long> figures = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[0].endsWith("_MS")) {
                    figures.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        }
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0 || figures.isEmpty()) {
            throw new IllegalStateException("the start-up child " + List.of(args) + " failed");
        }
        return figures;
    }

    private static void stalls(Path data, int communities, int messages) throws Exception {
        long now = Instant.now().getEpochSecond();
        CommunityId big = TestData.communityId(1_000_000);
        Historian setup = Historian.open(new DataDirectory(data), Clock.systemUTC());
        Random random = new Random(7);
        List<StoredMessage> batch = new ArrayList<>();
        for (int i = 1; i <= communities; i++) {
            setup.stores().communities().add(TestData.community(i, topic(i)));
            for (int m = 0; m < 20; m++) {
                batch.add(message(random, now - 3 * WEEK + random.nextInt((int) (2 * WEEK)), topic(i), 200));
            }
            if (batch.size() >= 10_000) {
                setup.stores().messages().insert(batch);
                batch.clear();
            }
        }
        ContentTopic bigTopic = ContentTopic.parse("0x0b160000");
        setup.stores().communities().add(new Community(big, "One million messages", List.of(bigTopic), false, false, null));
        for (int i = 0; i < messages; i++) {
            batch.add(message(random, now - 6 * WEEK + (long) i * 6 * WEEK / messages, bigTopic, 300));
            if (batch.size() == 10_000) {
                setup.stores().messages().insert(batch);
                batch.clear();
            }
        }
        setup.stores().messages().insert(batch);
        setup.close();
        System.out.printf("stall set-up: %,d communities of 20 messages, one of %,d messages (not measured)%n", communities,
                messages);

        CompletableFuture<Void> toolkit = new CompletableFuture<>();
        Platform.startup(() -> toolkit.complete(null));
        toolkit.get(10, TimeUnit.SECONDS);
        GuiFixture app = GuiFixture.open(data, historian -> { });
        FrameGaps gaps = new FrameGaps();
        Heartbeat heartbeat = new Heartbeat();
        MainView view = GuiFixture.fx(() -> {
            Stage stage = new Stage();
            MainView shown = app.show(stage);
            stage.setWidth(1360);
            stage.setHeight(860);
            gaps.start();
            return shown;
        });
        heartbeat.start();
        long seedingStarted = System.nanoTime();
        long[] lastReport = {System.nanoTime()};
        await().atMost(Duration.ofMinutes(10)).until(() -> {
            if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
                lastReport[0] = System.nanoTime();
                System.out.println("  " + activities(app));
            }
            return app.service().snapshot().communities().stream()
                    .filter(status -> status.archiveCount() > 0)
                    .filter(status -> status.activity() == CommunityStatus.Activity.SEEDING).count() == communities;
        });
        FrameGaps.Figures startUpDelays = heartbeat.takeFigures();
        System.out.printf("start-up: %,d communities archived and seeding after %.1f s (target for 1,000: under 20 s)%n"
                        + "  frame gaps: %s%n  FX-thread delay: %s (target: p99 under 100 ms, longest under 250 ms)%n", communities,
                seconds(seedingStarted), gaps.takeFigures(), startUpDelays);

        GuiFixture.fx(() -> {
            view.communities().selectedProperty().set(view.communities().row(big));
            return null;
        });
        Thread.sleep(15_000); // the measuring window, nothing to wait for
        FrameGaps.Figures idle = heartbeat.takeFigures();
        System.out.printf("idle, %,d seeding, statistics every second, 15 s%n  frame gaps: %s%n  FX-thread delay: %s%n",
                communities, gaps.takeFigures(), idle);

        long runStarted = System.nanoTime();
        app.service().setArchiving(big, true);
        await().atMost(Duration.ofMinutes(10)).until(() -> app.service().snapshot().communities().stream()
                .anyMatch(status -> status.community().id().equals(big) && status.archiveCount() > 0
                        && status.activity() == CommunityStatus.Activity.SEEDING));
        double runSeconds = seconds(runStarted);
        FrameGaps.Figures run = heartbeat.takeFigures();
        System.out.printf("archive run of %,d messages shown in the window, %.1f s until seeding%n  frame gaps: %s%n  FX-thread "
                + "delay: %s%n", messages, runSeconds, gaps.takeFigures(), run);
        System.out.printf("longest FX-thread delay: idle %d ms, during the run %d ms (%.2fx idle)%n", idle.longestMs(),
                run.longestMs(), (double) run.longestMs() / Math.max(1, idle.longestMs()));
        heartbeat.stop();
        GuiFixture.fx(() -> {
            gaps.stop();
            return null;
        });
        app.close();
    }

    /**
     * How long a task posted to the FX thread waits before it runs, posted every 10 ms from
     * another thread: the delay a click or key press would see.
     */
    private static final class Heartbeat {
        private final FrameGaps.Recorder recorder = new FrameGaps.Recorder();
        private volatile boolean running = true;

        private volatile Thread fxThread;
        private volatile long lastRan = System.nanoTime();
        private long lastDump;

        /** With -Dbench.ui.traceDelays: what the FX thread is doing while a posted task waits over 200 ms. */
        private void dumpIfStalled() {
            long now = System.nanoTime();
            Thread fx = fxThread;
            if (fx == null || now - lastRan < 200_000_000L || now - lastDump < 100_000_000L) {
                return;
            }
            lastDump = now;
            StringBuilder trace = new StringBuilder("  FX thread " + (now - lastRan) / 1_000_000 + " ms behind, " + fx.getState() + ":");
            int shown = 0;
            for (StackTraceElement frame : fx.getStackTrace()) {
                if (shown++ == 14) {
                    break;
                }
                trace.append("\n      ").append(frame);
            }
            System.out.println(trace);
        }

        void start() {
            Platform.runLater(() -> fxThread = Thread.currentThread());
            boolean trace = Boolean.getBoolean("bench.ui.traceDelays");
            Thread thread = new Thread(() -> {
                while (running) {
                    if (trace) {
                        dumpIfStalled();
                    }
                    long posted = System.nanoTime();
                    long postedAt = System.currentTimeMillis();
                    Platform.runLater(() -> {
                        long delay = (System.nanoTime() - posted) / 1_000_000;
                        lastRan = System.nanoTime();
                        recorder.add(delay);
                        if (delay > 400 && Boolean.getBoolean("bench.ui.traceDelays")) {
                            System.out.println("  long FX-thread delay: " + delay + " ms, posted at " + java.time.Instant.ofEpochMilli(postedAt));
                        }
                    });
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fx-heartbeat");
            thread.setDaemon(true);
            thread.start();
        }

        FrameGaps.Figures takeFigures() {
            return recorder.take();
        }

        void stop() {
            running = false;
        }
    }

    /** Gaps between consecutive frames, measured on the FX thread by an animation timer. */
    private static final class FrameGaps extends AnimationTimer {
        record Figures(long samples, long longestMs, long over50Ms, long p99Ms) {
            @Override
            public String toString() {
                return String.format("%,d samples, longest %d ms, p99 %d ms, %d over 50 ms", samples, longestMs, p99Ms, over50Ms);
            }
        }

        /** A histogram of milliseconds. */
        static final class Recorder {
            private final long[] histogram = new long[10_001];
            private long count;
            private long longest;

            synchronized void add(long ms) {
                histogram[(int) Math.min(ms, histogram.length - 1)]++;
                longest = Math.max(longest, ms);
                count++;
            }

            synchronized Figures take() {
                long over50 = 0;
                long seen = 0;
                long p99 = 0;
                for (int ms = 0; ms < histogram.length; ms++) {
                    if (ms > 50) {
                        over50 += histogram[ms];
                    }
                    seen += histogram[ms];
                    if (p99 == 0 && seen >= Math.ceil(count * 0.99)) {
                        p99 = ms;
                    }
                }
                Figures figures = new Figures(count, longest, over50, p99);
                java.util.Arrays.fill(histogram, 0);
                count = 0;
                longest = 0;
                return figures;
            }
        }

        private final Recorder recorder = new Recorder();
        private long previous;

        @Override
        public void handle(long now) {
            if (previous != 0) {
                recorder.add((now - previous) / 1_000_000);
            }
            previous = now;
        }

        Figures takeFigures() {
            return recorder.take();
        }
    }

    private static String activities(GuiFixture app) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        app.service().snapshot().communities().forEach(status -> counts.merge(status.activity() + (status.archiveCount() > 0
                ? " with archives" : ""), 1, Integer::sum));
        return counts.toString();
    }

    private static ContentTopic topic(int community) {
        return ContentTopic.parse(String.format("0x%08x", community));
    }

    private static StoredMessage message(Random random, long timestamp, ContentTopic topic, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        random.nextBytes(payload);
        byte[] hash = Keccak256.hash(ByteBuffer.allocate(8 + payload.length).putLong(timestamp).put(payload).array());
        return new StoredMessage(new byte[0], timestamp, topic.bytes(), payload, new byte[0], hash, "");
    }
}
