package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.historian.testing.TestData.DAY;
import static org.historian.testing.TestData.HOUR;
import static org.historian.testing.TestData.WEEK;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.EventType;
import org.historian.store.LedgerEntry;
import org.historian.testing.TestData;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.junit.jupiter.api.Test;

/** Spec §5.2-5.5 on virtual time: days and weeks pass in milliseconds. */
class ArchiveServiceTest extends ArchiveServiceTestBase {
    @Test
    void case1NothingStoredStartsOnlyThePeriodicTask() {
        start();
        startService();
        assertThat(archives()).isEmpty();
        assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.IDLE);
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(eventTypes()).containsExactly(EventType.PROTOCOL_ENABLED);

        // A tick with still nothing stored is skipped; messages arrive; the next tick archives them.
        fixture.scheduler.advance(Duration.ofDays(7));
        assertThat(archives()).isEmpty();
        messagesAt(NOW + 8 * DAY, NOW + 9 * DAY);
        fixture.scheduler.advance(Duration.ofDays(7));
        assertThat(archives()).singleElement().satisfies(a -> {
            assertThat(a.from()).isEqualTo(NOW + 8 * DAY);
            assertThat(a.to()).isEqualTo(NOW + 14 * DAY);
            assertThat(a.messageCount()).isEqualTo(2);
        });
        assertThat(engine.seeding(community.id())).isPresent();
        assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.SEEDING);
    }

    @Test
    void case2SeedsAndRunsExactlyAtLastEndPlusTheInterval() {
        start();
        long lastEnd = NOW - 2 * DAY;
        messagesAt(NOW - 10 * DAY, NOW - DAY, NOW + HOUR);
        assertThat(fixture.store.runner.lastEnd(community)).as("without an end date: the oldest message").contains(NOW - 10 * DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        assertThat(fixture.store.runner.lastEnd(community)).as("the stored end date wins").contains(lastEnd);
        startService();

        assertThat(archives()).isEmpty();
        Instant oneShot = Instant.ofEpochSecond(lastEnd + WEEK);
        assertThat(status().nextRun()).isEqualTo(oneShot);
        fixture.scheduler.advanceTo(oneShot.minusSeconds(1));
        assertThat(archives()).isEmpty();
        fixture.scheduler.advanceTo(oneShot);
        assertThat(archives()).singleElement().satisfies(a -> {
            assertThat(a.from()).isEqualTo(lastEnd);
            assertThat(a.to()).isEqualTo(lastEnd + WEEK);
            assertThat(a.messageCount()).isEqualTo(2);
        });
        assertThat(lastEnd()).isEqualTo(lastEnd + WEEK);
        // The periodic task started at start-up: its first tick is one interval after it.
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void case3CatchesUpAtOnceOneArchivePerWeekTheLastShorter() {
        start();
        long lastEnd = NOW - 20 * DAY;
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        messagesAt(lastEnd + DAY, lastEnd + 8 * DAY, lastEnd + 15 * DAY, NOW - HOUR);
        startService();

        assertThat(archives()).extracting(LedgerEntry::from).containsExactly(lastEnd, lastEnd + WEEK, lastEnd + 2 * WEEK);
        assertThat(archives()).extracting(LedgerEntry::to).containsExactly(lastEnd + WEEK, lastEnd + 2 * WEEK, NOW);
        assertThat(lastEnd()).isEqualTo(NOW);
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(eventTypes()).containsSubsequence(EventType.PROTOCOL_ENABLED, EventType.CREATING_ARCHIVES,
                EventType.ARCHIVES_CREATED, EventType.ARCHIVES_SEEDING, EventType.MAGNET_RECORDED);
        assertThat(eventTypes()).as("publishing is off: the link is recorded, never called published")
                .doesNotContain(EventType.MAGNET_PUBLISHED);
    }

    @Test
    void everyTickArchivesTheWeekReseedsAndPublishesANewerLink() {
        start();
        messagesAt(NOW - HOUR);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * HOUR);
        startService();
        List<Long> clocks = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            messagesAt(NOW + week * WEEK - DAY);
            fixture.scheduler.advanceTo(T0.plus(Duration.ofDays(7L * week)));
            clocks.add(fixture.store.archiveInfo.get(community.id()).magnetClock());
            links.add(fixture.store.archiveInfo.get(community.id()).lastMagnetUri());
        }
        // Week 1 ends with the Case 2 run at lastEnd + interval and an empty tick after it.
        assertThat(archives()).hasSize(4);
        for (int i = 1; i < archives().size(); i++) {
            assertThat(archives().get(i).from()).isGreaterThanOrEqualTo(archives().get(i - 1).to());
        }
        assertThat(archives().get(3).to()).isEqualTo(NOW + 4 * WEEK);
        assertThat(clocks).isSorted().doesNotHaveDuplicates();
        assertThat(links).doesNotHaveDuplicates().allSatisfy(link -> assertThat(link).startsWith("magnet:?xt=urn:btih:"));
        assertThat(engine.log.stream().filter(line -> line.startsWith("seed ")).count()).isEqualTo(4);
    }

    @Test
    void theLinkIsPublishedAgainDailyAndTheClockIsStoredOnlyOnSuccess() {
        start();
        messagesAt(NOW - DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 10 * DAY);
        List<Long> published = new ArrayList<>();
        boolean[] failing = {false};
        fixture.publisher = new MagnetPublisher() {
            @Override
            public Delivery publish(org.historian.model.CommunityId id, String uri, long clock) throws MagnetPublishException {
                if (failing[0]) {
                    throw new MagnetPublishException("node down");
                }
                published.add(clock);
                return new Delivery(true, "test");
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        startService();
        assertThat(published).hasSize(1);
        long first = fixture.store.archiveInfo.get(community.id()).magnetClock();
        fixture.scheduler.advance(Duration.ofDays(1));
        assertThat(published).hasSize(2);
        failing[0] = true;
        fixture.scheduler.advance(Duration.ofDays(1));
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isEqualTo(published.get(1));
        // Retried with back-off all day long, but the operator hears of it once.
        assertThat(fixture.store.emitted).filteredOn(e -> e.detail() != null && e.detail().contains("could not be published: node down"))
                .hasSize(1);
        assertThat(status().publication().state()).isEqualTo(Publication.State.FAILED);
        assertThat(status().publication().nextAttempt()).isAfter(fixture.clock.instant())
                .isBeforeOrEqualTo(fixture.clock.instant().plus(Duration.ofHours(1)));
        failing[0] = false;
        fixture.scheduler.advance(Duration.ofHours(1));
        assertThat(published).hasSize(3);
        assertThat(status().publication().state()).isEqualTo(Publication.State.PUBLISHED);
        assertThat(published.get(0)).isEqualTo(first);
        assertThat(fixture.store.archiveInfo.get(community.id()).magnetClock()).isEqualTo(published.get(2)).isGreaterThan(first);
    }

    @Test
    void turningArchivingOffForACommunityCancelsItsTasksAndUnseeds() {
        start();
        messagesAt(NOW - DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 10 * DAY);
        startService();
        assertThat(engine.seeding(community.id())).isPresent();
        fixture.service.setArchiving(community.id(), false);
        fixture.scheduler.runDue();
        assertThat(engine.log).contains("unseed " + community.id().hex());
        assertThat(status().activity()).isEqualTo(CommunityStatus.Activity.DISABLED);
        assertThat(status().nextRun()).isNull();
        messagesAt(NOW + DAY);
        fixture.scheduler.advance(Duration.ofDays(30));
        assertThat(archives()).hasSize(1);
        assertThat(fixture.store.communities.find(community.id()).orElseThrow().archiveSupport()).isFalse();
        assertThat(eventTypes()).contains(EventType.ARCHIVES_UNSEEDED);
    }

    @Test
    void disablingDuringARunCancelsItAndLeavesTheFolderAsItWas() throws Exception {
        start();
        long lastEnd = NOW - 30 * DAY;
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        fixture.store.messages.insert(List.of(TestData.message(lastEnd + HOUR, new byte[]{1})));
        fixture.service.start();
        fixture.scheduler.runDue();
        byte[] dataBefore = Files.readAllBytes(fixture.store.runner.folder(community.id()).data());

        messagesAt(NOW + DAY, NOW + 8 * DAY, NOW + 15 * DAY);
        fixture.store.events.addListener(event -> {
            if (event.type() == EventType.CREATING_ARCHIVES && event.from() == NOW) {
                fixture.service.disable();
            }
        });
        fixture.scheduler.advance(Duration.ofDays(28));

        assertThat(archives()).hasSize(1);
        assertThat(lastEnd()).isEqualTo(NOW);
        assertThat(Files.readAllBytes(fixture.store.runner.folder(community.id()).data())).isEqualTo(dataBefore);
        assertThat(fixture.service.snapshot().protocol()).isEqualTo(ServiceSnapshot.Protocol.OFF);
        assertThat(fixture.settings.protocolEnabled()).isFalse();
        assertThat(engine.log).endsWith("stop");
        assertThat(fixture.scheduler.pending()).isZero();
    }

    @Test
    void disablingCancelsAPendingCase2RunAndEnablingResumes() {
        start();
        long lastEnd = NOW - 2 * DAY;
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), lastEnd);
        messagesAt(NOW - DAY, NOW + DAY);
        startService();
        assertThat(status().nextRun()).isEqualTo(Instant.ofEpochSecond(lastEnd + WEEK));

        fixture.service.disable();
        fixture.scheduler.advance(Duration.ofDays(10));
        assertThat(archives()).as("the one-shot timer status-go forgets must not fire").isEmpty();
        assertThat(eventTypes()).contains(EventType.PROTOCOL_DISABLED);

        fixture.service.enable();
        fixture.scheduler.runDue();
        // Ten days later the stored end date is over a week old: Case 3 catches up at once.
        assertThat(archives()).singleElement().satisfies(a -> {
            assertThat(a.from()).isEqualTo(lastEnd);
            assertThat(a.to()).isEqualTo(lastEnd + WEEK);
        });
        assertThat(lastEnd()).isEqualTo(NOW + 10 * DAY);
        assertThat(status().nextRun()).isEqualTo(T0.plus(Duration.ofDays(17)));
        assertThat(fixture.settings.protocolEnabled()).isTrue();
    }

    @Test
    void archiveNowDuringATickWaitsForItAndArchivesNothingTwice() {
        start();
        messagesAt(NOW - DAY);
        fixture.store.archiveInfo.setLastArchiveEndDate(community.id(), NOW - 3 * DAY);
        startService();
        messagesAt(NOW + 2 * DAY, NOW + 3 * DAY);
        fixture.store.events.addListener(event -> {
            if (event.type() == EventType.CREATING_ARCHIVES && event.to() == NOW + WEEK) {
                fixture.service.archiveNow(community.id());
            }
        });
        fixture.scheduler.advance(Duration.ofDays(7));
        List<LedgerEntry> archives = archives();
        for (int i = 1; i < archives.size(); i++) {
            assertThat(archives.get(i).from()).isGreaterThanOrEqualTo(archives.get(i - 1).to());
        }
        assertThat(archives.stream().mapToLong(LedgerEntry::messageCount).sum()).isEqualTo(3);

        // Asked when idle, it archives what came since.
        messagesAt(NOW + 7 * DAY + HOUR);
        fixture.scheduler.advance(Duration.ofHours(2));
        fixture.service.archiveNow(community.id());
        fixture.scheduler.runDue();
        assertThat(archives()).last().satisfies(a -> {
            assertThat(a.messageCount()).isEqualTo(1);
            assertThat(a.to()).isEqualTo(NOW + 7 * DAY + 2 * HOUR);
        });
    }
}
