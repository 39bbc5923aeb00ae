package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.testing.BlackHoleNode;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.MemoryTempDir;
import org.historian.testing.RecordingTorrentEngine;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.StoreNodeClient;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPublishClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store node and the Waku node black-holed on real sockets (a server on 127.0.0.1 that
 * accepts and never answers), against the same nodes switched off: the weekly runs of fifty
 * communities complete about as fast either way, the node is asked a handful of times rather
 * than fifty, and every community says why its link did not go out. The clients are the real
 * ones with one-second timeouts; the schedule runs on virtual time.
 */
class BlackHoledNodeTest {
    private static final Instant T0 = Instant.parse("2024-03-04T12:00:00Z");
    private static final long NOW = T0.getEpochSecond();
    private static final long DAY = 86_400;
    private static final int COMMUNITIES = 50;
    private static final Instant DUE = T0.plus(Duration.ofDays(4));
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** As many network threads as Historian has for these calls. */
    private static final int CALL_THREADS = 8;

    @TempDir(factory = MemoryTempDir.class)
    Path temp;

    private final ExecutorService network = Executors.newFixedThreadPool(CALL_THREADS, task -> {
        Thread thread = new Thread(task, "test-network-call");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceFixture fixture;
    private List<Community> communities;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        network.shutdownNow();
    }

    /** What one weekly run of fifty communities took, in wall time, and how the links fared. */
    private record Week(Duration runs, Duration links, List<Publication> publications) {
    }

    private Week weekWithNodesAt(URI node, Path root) throws Exception {
        fixture = new ServiceFixture(root, T0, new RecordingTorrentEngine(), f -> f.network = network);
        communities = new ArrayList<>();
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < COMMUNITIES; i++) {
            ContentTopic topic = ContentTopic.of(new byte[]{8, 8, (byte) (i >> 8), (byte) i});
            Community community = new Community(TestData.communityId(7000 + i), "Community " + i, List.of(topic), false, true, null);
            communities.add(community);
            fixture.store.communities.add(community);
            fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * DAY);
            messages.add(TestData.message(NOW - 2 * DAY, topic, ("m" + i).getBytes()));
        }
        fixture.store.messages.insert(messages);
        // Started while a node answers (ready, nothing missed): the runs are due in four days.
        try (FakeNwakuNode answering = new FakeNwakuNode()) {
            answering.health(FakeNwakuNode.Answer.json("{\"nodeHealth\":\"Ready\"}"));
            for (int i = 0; i < COMMUNITIES; i++) {
                answering.then(FakeNwakuNode.Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
            }
            fixture.source = client(answering.url());
            fixture.service.start();
            until(() -> communities.stream().allMatch(c -> DUE.equals(status(c).nextRun())));
        }

        fixture.source = client(node);
        WakuPublishClient publisher = new WakuPublishClient(node, WakuPublishClient.Mode.RELAY, new WakuPublishClient.Options(TIMEOUT,
                TIMEOUT, 3, Duration.ofMillis(10), Duration.ofMillis(40)));
        fixture.publisher = new MagnetPublisher() {
            @Override
            public Delivery publish(CommunityId community, String magnetUri, long linkClock) throws MagnetPublishException,
                    InterruptedException {
                publisher.publish(new WakuMessage("/waku/2/rs/16/32", "/waku/1/0x00000000/rfc26", magnetUri.getBytes(), 1,
                        linkClock * 1_000_000, new byte[0]));
                return new Delivery(true, "published");
            }

            @Override
            public String describe() {
                return "published via relay at " + node;
            }
        };
        long started = System.nanoTime();
        fixture.scheduler.advanceTo(DUE);
        until(() -> communities.stream().allMatch(c -> !fixture.store.ledger.list(c.id()).isEmpty()));
        Duration runs = Duration.ofNanos(System.nanoTime() - started);
        until(() -> communities.stream().allMatch(c -> status(c).publication().state() == Publication.State.FAILED));
        Duration links = Duration.ofNanos(System.nanoTime() - started);
        List<Publication> publications = communities.stream().map(c -> status(c).publication()).toList();
        fixture.close();
        fixture = null;
        return new Week(runs, links, publications);
    }

    private StoreNodeClient client(URI node) {
        return new StoreNodeClient(node, new StoreNodeClient.Options(TIMEOUT, TIMEOUT, 100, 3, Duration.ofMillis(10),
                Duration.ofMillis(40), 1_000_000, 1 << 20));
    }

    private CommunityStatus status(Community community) {
        return fixture.service.snapshot().communities().stream().filter(s -> s.community().id().equals(community.id()))
                .findFirst().orElseThrow();
    }

    private void until(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            fixture.scheduler.runDue();
            return condition.call();
        });
    }

    @Test
    void fiftyRunsCompleteAsFastAsWithTheNodeOffAndEveryCommunitySaysWhyItsLinkWaits() throws Exception {
        Week off = weekWithNodesAt(BlackHoleNode.nodeThatIsOff(), temp.resolve("off"));
        assertThat(off.publications()).allSatisfy(p -> assertThat(p.detail()).contains("cannot be reached"));

        try (BlackHoleNode blackHole = new BlackHoleNode()) {
            Week silent = weekWithNodesAt(blackHole.url(), temp.resolve("black-hole"));
            System.out.printf("black-holed nodes: runs %s, links %s, connections %d; nodes off: runs %s, links %s%n", silent.runs(),
                    silent.links(), blackHole.connections.get(), off.runs(), off.links());
            // One health check that runs into its timeout, shared by the fifty runs: not fifty timeouts on three threads.
            assertThat(silent.runs()).as("black-holed %s vs off %s", silent.runs(), off.runs())
                    .isLessThan(off.runs().plus(TIMEOUT.multipliedBy(3)));
            assertThat(silent.links()).as("the links fail within a few timeouts, not fifty").isLessThan(off.links().plus(TIMEOUT.multipliedBy(5)));
            assertThat(blackHole.connections.get()).as("a node that does not answer is not asked again and again")
                    .isLessThanOrEqualTo(1 + CALL_THREADS);
            assertThat(silent.publications()).allSatisfy(p -> {
                assertThat(p.state()).isEqualTo(Publication.State.FAILED);
                assertThat(p.detail()).startsWith("the Waku node at " + blackHole.url() + " (relay) cannot be reached: no answer within 1 s (at ");
                assertThat(p.nextAttempt()).isNotNull();
            });
            assertThat(silent.publications()).as("the first calls wait for the timeout, the others are told at once")
                    .anySatisfy(p -> assertThat(p.detail()).contains("not asked again before"));
        }
    }
}
