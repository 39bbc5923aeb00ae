package org.historian.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.Optional;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfoRepository;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.TorrentEngine;
import org.historian.torrent.UnsafeTorrentException;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;

/**
 * Seeding and magnet links (spec §5.4): seed a community's current torrent, publish its link
 * after every change of torrent, unseed. Always called on the community's own queue; the
 * sending itself waits on a network thread.
 */
final class CommunitySeeding {
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    /** How long sending a link may take (the node's health check, the post and its retries). */
    static final Duration PUBLISH_DEADLINE = Duration.ofMinutes(2);

    private final TorrentService torrents;
    private final TorrentEngine engine;
    private final MagnetPublisher publisher;
    private final ArchiveInfoRepository archiveInfo;
    private final EventSink events;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Supplier<Duration> republishPeriod;
    private final Runnable changed;
    private final NetworkCalls calls;

    CommunitySeeding(TorrentService torrents, TorrentEngine engine, MagnetPublisher publisher, ArchiveInfoRepository archiveInfo,
                     EventSink events, Clock clock, TaskScheduler scheduler, Supplier<Duration> republishPeriod, NetworkCalls calls,
                     Runnable changed) {
        this.calls = calls;
        this.torrents = torrents;
        this.engine = engine;
        this.publisher = publisher;
        this.archiveInfo = archiveInfo;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
        this.republishPeriod = republishPeriod;
        this.changed = changed;
    }

    /** Seeds the community's current torrent (made again if stale); a new one is published. */
    void seedCurrent(CommunitySchedule schedule) {
        if (!schedule.isActive()) {
            return;
        }
        try {
            if (engine.status().state() != EngineStatus.State.RUNNING) {
                return;
            }
            Optional<TorrentService.CommunityTorrent> torrent = torrents.seedCurrent(engine, schedule.id);
            if (torrent.isEmpty()) {
                return;
            }
            if (!torrent.get().infoHash().equals(schedule.seeded)) {
                schedule.seeded = torrent.get().infoHash();
                events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_SEEDING, schedule.id)
                        .withDetail(torrent.get().infoHash().hex()));
                publish(schedule, torrent.get().magnet().format());
            }
        } catch (IOException | UnsafeTorrentException | RuntimeException e) {
            if (schedule.isActive()) {
                schedule.activity = CommunityStatus.Activity.ERROR;
                schedule.message = "the archives cannot be seeded: " + e.getMessage();
                events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id).withDetail(schedule.message));
            }
        }
        changed.run();
    }

    void unseed(CommunitySchedule schedule) {
        if (schedule.seeded != null) {
            engine.unseed(schedule.id);
            schedule.seeded = null;
            events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_UNSEEDED, schedule.id));
        }
        changed.run();
    }

    /**
     * Publishes the link seeded now again (spec §10 item 9). The link is read when this runs, not
     * when it was queued: a run queued before may have published a newer one, which must not be
     * followed by the older link with a newer clock.
     */
    void republish(CommunitySchedule schedule) {
        String link = schedule.linkToPublish != null ? schedule.linkToPublish : schedule.magnetUri;
        if (schedule.isActive() && schedule.seeded != null && link != null) {
            publish(schedule, link);
        }
    }

    /**
     * Publishes with a clock above the last one; the clock is stored only once the link went out.
     * The sending waits on a network thread with a deadline, and one link at a time per community:
     * a newer link waits for the one under way, and only the newest goes out after it, so no
     * older link ever follows a newer one. A failure is tried again with back-off (1 minute,
     * doubling, at most an hour or the re-publish period); the operator hears of it once per
     * reason, not once per attempt.
     */
    private void publish(CommunitySchedule schedule, String magnetUri) {
        if (schedule.mirror) {
            return; // a mirror serves the owner's torrent; only the owner publishes its link
        }
        schedule.magnetUri = magnetUri;
        schedule.linkToPublish = magnetUri;
        schedule.publishRetry(null);
        if (schedule.publishing) {
            schedule.publication = new Publication(Publication.State.SENDING, "a newer link waits for the one being sent "
                    + publisher.describe(), clock.instant(), null);
            changed.run();
            return;
        }
        long linkClock = ArchiveLinks.nextClock(archiveInfo, clock, schedule.id);
        schedule.publishing = true;
        Instant givenUpAt = calls.deadline(PUBLISH_DEADLINE);
        if (schedule.publication.state() != Publication.State.FAILED) {
            // A retry keeps showing why the last attempt failed until this one ends.
            schedule.publication = new Publication(Publication.State.SENDING, "being sent, " + publisher.describe(), clock.instant(),
                    givenUpAt);
        }
        changed.run();
        calls.run(PUBLISH_DEADLINE, () -> publisher.publish(schedule.id, magnetUri, linkClock),
                outcome -> schedule.queue.submit(() -> published(schedule, magnetUri, linkClock, outcome)));
    }

    private void published(CommunitySchedule schedule, String link, long linkClock,
                           NetworkCalls.Outcome<MagnetPublisher.Delivery> outcome) {
        schedule.publishing = false;
        if (outcome.returned()) {
            // Stored even if the community was disabled meanwhile: the link went out with this clock.
            ArchiveLinks.sent(archiveInfo, schedule.id, linkClock, link);
        }
        if (!schedule.isActive()) {
            changed.run();
            return;
        }
        // Still on, or switched off and on again while the link was out: the current generation
        // takes the outcome over, and the link that waited for this one goes out after it.
        String newer = schedule.linkToPublish;
        if (outcome.returned()) {
            MagnetPublisher.Delivery delivery = outcome.value();
            schedule.magnetClock = linkClock;
            schedule.publishFailures = 0;
            schedule.lastPublishFailure = null;
            schedule.publication = new Publication(delivery.reachedWaku() ? Publication.State.PUBLISHED
                    : Publication.State.RECORDED_ONLY, delivery.detail(), clock.instant(), null);
        } else if (outcome.failure() instanceof InterruptedException) {
            changed.run(); // the network threads stopped: Historian is closing
            return;
        } else {
            failed(schedule, schedule.generation(), outcome.failure() instanceof MagnetPublishException e ? e.getMessage()
                    : outcome.why("the Waku node"));
        }
        if (newer != null && !newer.equals(link) && schedule.seeded != null) {
            publish(schedule, newer);
        }
        changed.run();
    }

    private void failed(CommunitySchedule schedule, int generation, String reason) {
        Duration delay = retryDelay(++schedule.publishFailures);
        Instant next = clock.instant().plus(delay);
        boolean sameAsLastFailure = reason.equals(schedule.lastPublishFailure);
        schedule.lastPublishFailure = reason;
        schedule.publication = new Publication(Publication.State.FAILED, reason, clock.instant(), next);
        if (!sameAsLastFailure) {
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id)
                    .withDetail("the magnet link could not be published: " + reason + "; it is tried again with back-off"));
        }
        schedule.publishRetry(scheduler.schedule(next, () -> schedule.queue.submit(() -> {
            if (schedule.isCurrent(generation)) {
                republish(schedule);
            }
        })));
    }

    private Duration retryDelay(int failures) {
        Duration cap = republishPeriod.get().compareTo(MAX_RETRY_DELAY) < 0 ? republishPeriod.get() : MAX_RETRY_DELAY;
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
