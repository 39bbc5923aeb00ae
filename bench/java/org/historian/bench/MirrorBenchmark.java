package org.historian.bench;

import static org.awaitility.Awaitility.await;
import static org.historian.archive.DiskFileSystem.deleteRecursively;
import static org.historian.bench.Bench.seconds;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.historian.app.DataDirectory;
import org.historian.app.Historian;
import org.historian.model.Community;
import org.historian.model.Keccak256;
import org.historian.model.SigningKey;
import org.historian.model.StoredMessage;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityStatus;
import org.historian.service.ExecutorTaskScheduler;
import org.historian.service.MirrorStatus;
import org.historian.service.Mirrors;
import org.historian.service.SeedingFigures;
import org.historian.service.Setting;
import org.historian.testing.TestData;
import org.historian.testing.WakuNetwork;
import org.historian.waku.ArchiveLinkMessage;
import org.historian.waku.LinkChat;
import org.historian.waku.RandomBytes;
import org.historian.waku.WakuPublishClient;

/**
 * What mirror mode costs, against baselines measured in the same run, over a real go-waku store
 * node on 127.0.0.1 (the one of the real-network tests) holding one signed archive link per
 * community:
 * <ol>
 *   <li>start-up of N mirrored communities, each holding its owner's archives, until every one
 *       seeds and has read its link, against the start-up of the same N communities as their
 *       owner (same folders, same torrents, no polls);</li>
 *   <li>a poll of every mirror ("check now" for all), per community, against the bare HTTP reads
 *       of the same two store queries on as many threads.</li>
 * </ol>
 * {@code mvn -B -Pbench test-compile exec:exec@mirror-benchmark}; {@code -Dbench.mirror.communities=…}.
 */
public final class MirrorBenchmark {
    private static final long DAY = 86_400;
    private static final int NETWORK_THREADS = 4;

    private MirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.mirror.communities", 1000);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-mirror")).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        try (WakuNetwork network = WakuNetwork.start(dir.resolve("waku"))) {
            URI node = network.store().rest();
            List<Community> communities = new ArrayList<>();
            long setUp = System.nanoTime();
            Path owner = dir.resolve("owner");
            ownerArchivesAndPublishes(owner, node, count, communities);
            Path mirror = dir.resolve("mirror");
            mirrorHolding(owner, mirror, node, communities);
            System.out.printf("set-up: %,d communities archived by their owner, %,d links on go-waku's store, the folders copied to "
                    + "the mirror (%.1f s, not measured)%n", count, count, seconds(setUp));

            double ownerStart;
            try (Started started = startUntilSeeding(owner, count, status -> true)) {
                ownerStart = started.seconds();
            }
            double firstStart;
            try (Started started = startUntilSeeding(mirror, count, MirrorBenchmark::mirrorSeeding)) {
                firstStart = started.seconds();
            }
            try (Started restart = startUntilSeeding(mirror, count, MirrorBenchmark::mirrorSeeding)) {
                System.out.printf("start-up until all %,d seed: as their owner %.1f s; as a mirror %.1f s (%.2fx); the mirror's "
                        + "first start, which makes each torrent, %.1f s%n", count, ownerStart, restart.seconds(),
                        restart.seconds() / ownerStart, firstStart);
                pollCost(restart, node, communities);
            }
        }
        System.exit(0);
    }

    private static void ownerArchivesAndPublishes(Path owner, URI node, int count, List<Community> communities) throws Exception {
        long now = Instant.now().getEpochSecond();
        SigningKey transport = SigningKey.of(Keccak256.hash("bench transport".getBytes(StandardCharsets.UTF_8)));
        WakuPublishClient relay = new WakuPublishClient(node, WakuPublishClient.Mode.RELAY, WakuPublishClient.Options.defaults());
        try (Historian historian = Historian.open(new DataDirectory(owner), Clock.systemUTC())) {
            keepOnLoopback(historian);
            for (int i = 1; i <= count; i++) {
                SigningKey key = TestData.communityKey(i);
                Community community = new Community(key.asCommunityId(), "Community " + i, List.of(), false, true, null);
                communities.add(community);
                historian.stores().communities().add(community);
                List<StoredMessage> messages = new ArrayList<>();
                for (int m = 0; m < 20; m++) {
                    messages.add(TestData.message(now - 20 * DAY + m * DAY, community.id().universalTopic(),
                            ("message " + m + " of community " + i + " ").repeat(20).getBytes(StandardCharsets.UTF_8)));
                }
                historian.stores().messages().insert(messages);
                historian.stores().archiveInfo().setLastArchiveEndDate(community.id(), now - 21 * DAY);
                historian.runner().run(community, now - 21 * DAY, now - DAY, 7 * DAY, org.historian.archive.RunListener.NONE);
                String magnet = historian.torrents().current(community.id()).orElseThrow().magnet().format();
                relay.publish(ArchiveLinkMessage.build(new ArchiveLinkMessage.Content(key, transport, "bench", magnet,
                        System.currentTimeMillis(), System.currentTimeMillis() * 1_000_000L, community.pubsubTopic(), Optional.empty()),
                        RandomBytes.secure()));
            }
        }
        // The store holds what relay carried a moment later.
        await().atMost(Duration.ofMinutes(2)).until(() -> storedLinks(node, communities.get(communities.size() - 1)) == 1);
    }

    private static void mirrorHolding(Path owner, Path mirror, URI node, List<Community> communities) throws Exception {
        try (Historian historian = Historian.open(new DataDirectory(mirror), Clock.systemUTC())) {
            keepOnLoopback(historian);
            historian.settings().set(Setting.STORE_NODE_URL, node.toString());
            for (Community community : communities) {
                historian.mirrors().add(new Community(community.id(), null, List.of(), false, true, null));
                Path from = owner.resolve("archivedata").resolve(community.id().hex());
                Path to = Files.createDirectories(mirror.resolve("archivedata").resolve(community.id().hex()));
                for (String file : List.of("data", "index")) {
                    Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void keepOnLoopback(Historian historian) {
        historian.settings().keepTorrentsOnLoopback();
    }

    private static boolean mirrorSeeding(CommunityStatus status) {
        return status.mirror().state() == MirrorStatus.State.SEEDING && status.mirror().linkSentAt() != null;
    }

    /** A running service over a data directory, and how long it took until every community seeded. */
    private record Started(Historian historian, ExecutorTaskScheduler scheduler, ArchiveService service, double seconds)
            implements AutoCloseable {
        @Override
        public void close() {
            service.close();
            scheduler.close();
            historian.close();
        }
    }

    private static Started startUntilSeeding(Path data, int count, Predicate<CommunityStatus> ready) throws Exception {
        long started = System.nanoTime();
        Historian historian = Historian.open(new DataDirectory(data), Clock.systemUTC());
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(3, historian.clock());
        ArchiveService service = historian.archiveService(scheduler);
        service.start();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() -> service.snapshot().communities()
                .stream().filter(status -> status.seeding() != null && status.seeding().state() == SeedingFigures.State.SEEDING)
                .filter(ready).count() == count);
        return new Started(historian, scheduler, service, seconds(started));
    }

    private static void pollCost(Started running, URI node, List<Community> communities) throws Exception {
        Mirrors mirrors = running.historian().mirrors();
        // polledAt is kept in whole seconds: start in a second of its own.
        Thread.sleep(1100);
        long from = Instant.now().getEpochSecond();
        long started = System.nanoTime();
        for (Community community : communities) {
            running.service().archiveNow(community.id()); // "Check now"
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> mirrors.list().stream()
                .allMatch(mirror -> mirror.polledAt() != null && mirror.polledAt().getEpochSecond() >= from));
        double poll = seconds(started);
        long stillSeeding = running.service().snapshot().communities().stream().filter(MirrorBenchmark::mirrorSeeding).count();

        HttpClient http = HttpClient.newHttpClient();
        ExecutorService threads = Executors.newFixedThreadPool(NETWORK_THREADS);
        List<Future<Integer>> reads = new ArrayList<>();
        started = System.nanoTime();
        for (Community community : communities) {
            for (LinkChat chat : LinkChat.values()) {
                reads.add(threads.submit(() -> http.send(HttpRequest.newBuilder(storeQuery(node, community, chat)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode()));
            }
        }
        for (Future<Integer> read : reads) {
            if (read.get() != 200) {
                throw new IllegalStateException("the store node answered " + read.get());
            }
        }
        double bare = seconds(started);
        threads.shutdown();
        int n = communities.size();
        System.out.printf("poll of every mirror (%,d, %d network threads): %.1f s, %.1f ms per community; baseline %,d bare store "
                        + "reads on %d threads %.1f s, %.1f ms per community; ratio %.2f; %,d still seeding after it%n", n,
                NETWORK_THREADS, poll, poll * 1000 / n, reads.size(), NETWORK_THREADS, bare, bare * 1000 / n, poll / bare, stillSeeding);
        System.out.printf("  at the default interval (10 min): %.2f%% of one network thread's time per 1,000 mirrors%n",
                poll * NETWORK_THREADS * 1000 / n / 600 * 100);
    }

    private static URI storeQuery(URI node, Community community, LinkChat chat) {
        return node.resolve("/store/v1/messages?pubsubTopic=" + URLEncoder.encode(community.pubsubTopic(), StandardCharsets.UTF_8)
                + "&contentTopics=" + URLEncoder.encode(chat.wireContentTopic(community.id()), StandardCharsets.UTF_8)
                + "&pageSize=100&ascending=false");
    }

    private static int storedLinks(URI node, Community community) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(storeQuery(node, community, LinkChat.UNIVERSAL)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.split("\"contentTopic\"", -1).length - 1;
    }
}
