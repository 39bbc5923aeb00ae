package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;
import org.historian.testing.MemoryTempDir;
import org.historian.testing.RecordingTorrentEngine;
import org.historian.testing.ServiceFixture;
import org.historian.testing.TestData;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store node and a Waku node that accept and never answer, on virtual time: the weekly runs of
 * fifty communities are not held by them, and each community says why its link waits. The calls
 * block until interrupted, on real network threads; had the service waited for one on a thread
 * that runs archives, these tests would hang.
 */
class NetworkIsolationTest {
    private static final Instant T0 = Instant.parse("2024-03-04T12:00:00Z");
    private static final long NOW = T0.getEpochSecond();
    private static final long DAY = 86_400;
    private static final int COMMUNITIES = 50;
    /** Their last archive ended three days ago: the next run is due in four days (spec §5.2, case 2). */
    private static final Instant DUE = T0.plus(Duration.ofDays(4));

    @TempDir(factory = MemoryTempDir.class)
    Path temp;

    private final ExecutorService network = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-network");
        thread.setDaemon(true);
        return thread;
    });
    private final Node node = new Node();
    private ServiceFixture fixture;
    private List<Community> communities;

    /** A node that answers, refuses, or accepts and never answers; it counts what it was asked. */
    private static final class Node implements MessageSource, MagnetPublisher {
        enum Mode { ANSWERS, OFF, BLACK_HOLE }

        volatile Mode mode = Mode.ANSWERS;
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger fetches = new AtomicInteger();
        final AtomicInteger publishes = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();

        @Override
        public String describe() {
            return "the node at http://127.0.0.1:9";
        }

        private void hang() throws InterruptedException {
            waiting.incrementAndGet();
            try {
                new CountDownLatch(1).await();
            } finally {
                waiting.decrementAndGet();
            }
        }

        @Override
        public Availability check() {
            checks.incrementAndGet();
            switch (mode) {
                case OFF:
                    return new Availability(false, describe() + " cannot be reached: Connection refused");
                case BLACK_HOLE:
                    try {
                        hang();
                    } catch (InterruptedException e) {
                        return new Availability(false, "interrupted");
                    }
                    return new Availability(false, "unreachable");
                default:
                    return new Availability(true, describe() + " is ready");
            }
        }

        @Override
        public long fetch(List<ContentTopic> topics, String pubsubTopic, long from, long to, PageConsumer pages)
                throws MessageSourceException, InterruptedException {
            fetches.incrementAndGet();
            if (mode == Mode.BLACK_HOLE) {
                hang();
            }
            return 0;
        }

        @Override
        public OptionalLong newestTimestamp(List<ContentTopic> topics, String pubsubTopic) {
            return OptionalLong.empty();
        }

        @Override
        public Delivery publish(CommunityId community, String magnetUri, long linkClock) throws MagnetPublishException,
                InterruptedException {
            publishes.incrementAndGet();
            switch (mode) {
                case OFF:
                    throw new MagnetPublishException(describe() + " cannot be reached: Connection refused");
                case BLACK_HOLE:
                    hang();
                    throw new AssertionError("never answers");
                default:
                    return new Delivery(true, "published to the Waku network via " + describe());
            }
        }
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        network.shutdownNow();
    }

    /** Fifty communities whose messages are stored, started while the node answers: their runs are due at {@link #DUE}. */
    private void startFifty() {
        fixture = new ServiceFixture(temp, T0, new RecordingTorrentEngine(), f -> f.network = network);
        fixture.source = node;
        fixture.publisher = node;
        communities = new ArrayList<>();
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < COMMUNITIES; i++) {
            ContentTopic topic = ContentTopic.of(new byte[]{7, 7, (byte) (i >> 8), (byte) i});
            Community community = new Community(TestData.communityId(5000 + i), "Community " + i, List.of(topic), false, true, null);
            communities.add(community);
            fixture.store.communities.add(community);
            fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * DAY);
            messages.add(TestData.message(NOW - 2 * DAY, topic, ("m" + i).getBytes()));
        }
        fixture.store.messages.insert(messages);
        fixture.service.start();
        until(() -> communities.stream().allMatch(c -> DUE.equals(status(c).nextRun())));
        assertThat(archived()).isZero();
    }

    private CommunityStatus status(Community community) {
        return fixture.service.snapshot().communities().stream().filter(s -> s.community().id().equals(community.id()))
                .findFirst().orElseThrow();
    }

    private long archived() {
        return communities.stream().filter(c -> !fixture.store.ledger.list(c.id()).isEmpty()).count();
    }

    /** Runs what is due on virtual time until the condition holds (answers come back from the network threads). */
    private void until(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            fixture.scheduler.runDue();
            return condition.call();
        });
    }

    @Test
    void withTheNodeOffTheRunsArchiveTheStoredMessagesAtOnce() {
        startFifty();
        node.mode = Node.Mode.OFF;
        fixture.scheduler.advanceTo(DUE);
        until(() -> archived() == COMMUNITIES);
        assertThat(fixture.clock.instant()).isEqualTo(DUE);
    }

    @Test
    void withTheNodeBlackHoledTheRunsWaitForOneSharedCheckNotForTheNode() {
        startFifty();
        int checksBefore = node.checks.get();
        int fetchesBefore = node.fetches.get();
        node.mode = Node.Mode.BLACK_HOLE;
        fixture.scheduler.advanceTo(DUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.waiting.get() == 1);
        fixture.scheduler.runDue();
        assertThat(node.checks.get() - checksBefore).as("fifty runs due together ask the node once").isEqualTo(1);
        assertThat(status(communities.get(17)).message()).startsWith("asking the node at http://127.0.0.1:9 whether it is ready");

        // The check's deadline on virtual time: every run goes ahead with the stored messages, together.
        fixture.scheduler.advance(SourceChecks.DEADLINE);
        until(() -> archived() == COMMUNITIES);
        assertThat(fixture.clock.instant()).as("one deadline, not fifty").isEqualTo(DUE.plus(SourceChecks.DEADLINE));
        assertThat(node.fetches.get() - fetchesBefore).as("no fetch from a node that did not answer its check").isZero();
        assertThat(fixture.store.emitted).anySatisfy(event -> assertThat(event.detail())
                .contains("did not answer within 20 s (its health check)")
                .contains("not asked again before")
                .endsWith("the stored messages are archived without the newest ones"));

        // Each link waits on a network thread; each community says so, and when it gives up.
        until(() -> node.waiting.get() == COMMUNITIES);
        Publication sending = status(communities.get(3)).publication();
        assertThat(sending.state()).isEqualTo(Publication.State.SENDING);
        assertThat(sending.detail()).isEqualTo("being sent, " + node.describe());
        assertThat(sending.nextAttempt()).isEqualTo(fixture.clock.instant().plus(CommunitySeeding.PUBLISH_DEADLINE));

        fixture.scheduler.advance(CommunitySeeding.PUBLISH_DEADLINE);
        until(() -> communities.stream().allMatch(c -> status(c).publication().state() == Publication.State.FAILED));
        Publication failed = status(communities.get(3)).publication();
        assertThat(failed.detail()).isEqualTo("the Waku node did not answer within 2 min");
        assertThat(failed.nextAttempt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(1)));
        await("the deadline freed every network thread").atMost(Duration.ofSeconds(10)).until(() -> node.waiting.get() == 0);
        assertThat(fixture.store.archiveInfo.get(communities.get(3).id()).lastMagnetUri()).as("nothing went out").isNull();

        // The node answers again: the retry publishes, with the stored messages archived meanwhile.
        node.mode = Node.Mode.ANSWERS;
        fixture.scheduler.advance(Duration.ofMinutes(1));
        until(() -> communities.stream().allMatch(c -> status(c).publication().state() == Publication.State.PUBLISHED));
        assertThat(fixture.store.archiveInfo.get(communities.get(3).id()).lastMagnetUri()).isNotNull();
    }

    @Test
    void aNewerLinkWaitsForTheOneBeingSentAndOnlyTheNewestFollowsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> clocks = java.util.Collections.synchronizedList(new ArrayList<>());
        fixture = new ServiceFixture(temp, T0, new RecordingTorrentEngine(), f -> f.network = network);
        fixture.publisher = new MagnetPublisher() {
            @Override
            public Delivery publish(CommunityId community, String magnetUri, long linkClock) throws InterruptedException {
                if (sent.isEmpty()) {
                    release.await();
                }
                sent.add(magnetUri);
                clocks.add(linkClock);
                return new Delivery(true, "published");
            }

            @Override
            public String describe() {
                return "published via relay";
            }
        };
        Community community = new Community(TestData.communityId(6000), "Busy", List.of(TestData.TOPIC), false, true, null);
        communities = List.of(community);
        fixture.store.communities.add(community);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * DAY);
        fixture.service.start();
        fixture.scheduler.runDue();
        List<String> made = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            fixture.store.messages.insert(List.of(TestData.message(fixture.clock.instant().getEpochSecond() - 1, ("m" + run).getBytes())));
            fixture.service.archiveNow(community.id());
            int archivesBefore = run;
            until(() -> fixture.store.ledger.list(community.id()).size() > archivesBefore);
            until(() -> status(community).magnetUri() != null && !made.contains(status(community).magnetUri()));
            made.add(status(community).magnetUri());
            fixture.scheduler.advance(Duration.ofSeconds(30)); // well within the first link's deadline
        }
        Publication waiting = status(community).publication();
        assertThat(waiting.state()).isEqualTo(Publication.State.SENDING);
        assertThat(waiting.detail()).isEqualTo("a newer link waits for the one being sent published via relay");
        assertThat(sent).as("the first link is still being sent").isEmpty();

        release.countDown();
        until(() -> status(community).publication().state() == Publication.State.PUBLISHED && sent.size() == 2);
        assertThat(sent).as("the second link was overtaken while it waited: only the newest follows the first")
                .containsExactly(made.get(0), made.get(2));
        assertThat(clocks.get(1)).isGreaterThan(clocks.get(0));
        assertThat(fixture.store.archiveInfo.get(community.id()).lastMagnetUri()).isEqualTo(made.get(2));
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isEqualTo(clocks.get(1));
    }

    @Test
    void aCommunitySwitchedOffAndOnWhileItsLinkIsOutTakesTheOutcomeOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        fixture = new ServiceFixture(temp, T0, new RecordingTorrentEngine(), f -> f.network = network);
        fixture.publisher = new MagnetPublisher() {
            @Override
            public Delivery publish(CommunityId community, String magnetUri, long linkClock) throws InterruptedException {
                if (calls.incrementAndGet() == 1) {
                    release.await();
                }
                return new Delivery(true, "published");
            }

            @Override
            public String describe() {
                return "published via relay";
            }
        };
        Community community = new Community(TestData.communityId(6100), "Toggled", List.of(TestData.TOPIC), false, true, null);
        communities = List.of(community);
        fixture.store.communities.add(community);
        fixture.store.messages.insert(List.of(TestData.message(NOW - 9 * DAY, "m".getBytes())));
        fixture.service.start();
        until(() -> status(community).publication().state() == Publication.State.SENDING);

        fixture.service.setArchiving(community.id(), false);
        fixture.service.setArchiving(community.id(), true);
        until(() -> status(community).activity() == CommunityStatus.Activity.SEEDING);
        release.countDown();
        until(() -> status(community).publication().state() == Publication.State.PUBLISHED);
        assertThat(fixture.store.archiveInfo.get(community.id()).lastMagnetUri()).isEqualTo(status(community).magnetUri());
    }
}
