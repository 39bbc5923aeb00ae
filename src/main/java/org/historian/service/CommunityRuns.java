package org.historian.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.historian.archive.RunCancelledException;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfo;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.LedgerEntry;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;

/**
 * One community's start-up (spec §5.2) and periodic task (§5.3). Every method runs on the
 * community's own queue and first checks that its generation is still the current one.
 */
final class CommunityRuns {
    static final Duration SOURCE_RETRY_FIRST = Duration.ofSeconds(5);
    static final Duration SOURCE_RETRY_MAX = Duration.ofMinutes(5);
    /** How long fetching missed messages may take before the run goes on without the rest. */
    static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(10);

    /** Why a run happens; a start-up run follows the start-up sync and needs no second one. */
    private enum Trigger { START_UP, SCHEDULED, ON_REQUEST }

    private final CommunityRepository communities;
    private final ArchiveInfoRepository archiveInfo;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveRunner runner;
    private final MessageSync sync;
    private final Supplier<MessageSource> sources;
    private final HistorianSettings settings;
    private final EventSink events;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final CommunitySeeding seeding;
    private final Runnable changed;
    private final NetworkCalls calls;
    private final SourceChecks checks;

    CommunityRuns(ArchiveService.Parts parts, CommunitySeeding seeding, NetworkCalls calls, SourceChecks checks, Runnable changed) {
        this.calls = calls;
        this.checks = checks;
        this.communities = parts.communities();
        this.archiveInfo = parts.archiveInfo();
        this.ledger = parts.ledger();
        this.runner = parts.runner();
        this.sync = parts.sync();
        this.sources = parts.sources();
        this.settings = parts.settings();
        this.events = parts.events();
        this.scheduler = parts.scheduler();
        this.clock = parts.clock();
        this.seeding = seeding;
        this.changed = changed;
    }

    void startUp(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        seeding.seedCurrent(schedule);
        waitForSource(schedule, generation, 0);
    }

    /**
     * Waits for the message source with back-off (no busy waiting), fetches what was missed, then
     * decides. The check and the fetch wait on the network threads, never on this queue's.
     */
    private void waitForSource(CommunitySchedule schedule, int generation, int attempt) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        MessageSource source = sources.get();
        if (source instanceof EmbeddedMessageSource) {
            decide(schedule, generation);
            return;
        }
        if (attempt == 0) {
            schedule.activity = CommunityStatus.Activity.WAITING_FOR_SOURCE;
            schedule.message = "asking " + source.describe() + " whether it is ready";
            changed.run();
        }
        checks.check(source, availability -> schedule.queue.submit(() -> sourceChecked(schedule, generation, attempt, source,
                availability)));
    }

    private void sourceChecked(CommunitySchedule schedule, int generation, int attempt, MessageSource source,
                               MessageSource.Availability availability) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        if (!availability.available()) {
            long delay = Math.min(SOURCE_RETRY_FIRST.toMillis() << Math.min(attempt, 16), SOURCE_RETRY_MAX.toMillis());
            Instant retryAt = clock.instant().plusMillis(delay);
            schedule.activity = CommunityStatus.Activity.WAITING_FOR_SOURCE;
            schedule.message = availability.detail() + "; trying again at " + retryAt;
            if (attempt == 0) {
                events.emit(HistorianEvent.of(clock.instant(), EventType.WAITING_FOR_SOURCE, schedule.id).withDetail(availability.detail()));
            }
            schedule.retry(scheduler.schedule(retryAt, () -> schedule.queue.submit(() -> waitForSource(schedule, generation, attempt + 1))));
            changed.run();
            return;
        }
        catchUp(schedule, generation, source, () -> decide(schedule, generation));
    }

    /**
     * Fetches, on a network thread, the messages the source has since the newest stored one, then
     * goes on with {@code next} on the queue. A failure or a fetch past its deadline is reported
     * and the stored messages are archived anyway.
     */
    private void catchUp(CommunitySchedule schedule, int generation, MessageSource source, Runnable next) {
        schedule.activity = CommunityStatus.Activity.SYNCING;
        schedule.message = "fetching the missed messages from " + source.describe() + "; given up at "
                + calls.deadline(CATCH_UP_DEADLINE).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        changed.run();
        Community community = schedule.community;
        calls.run(CATCH_UP_DEADLINE, () -> sync.catchUp(community, source), outcome -> schedule.queue.submit(() -> {
            if (!schedule.isCurrent(generation)) {
                return;
            }
            schedule.message = "";
            if (outcome.returned()) {
                MessageSync.Outcome fetched = outcome.value();
                if (fetched.fetched() > 0) {
                    events.emit(HistorianEvent.ranged(clock.instant(), EventType.MESSAGES_SYNCED, schedule.id, fetched.from(), fetched.to())
                            .withDetail(fetched.fetched() + " messages from " + source.describe() + ", " + fetched.stored() + " new"));
                }
            } else {
                String why = outcome.failure() instanceof MessageSourceException e ? e.getMessage() : outcome.why(source.describe());
                events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id)
                        .withDetail("missed messages could not be fetched: " + why + "; the stored messages are archived"));
            }
            next.run();
        }));
    }

    /**
     * Before a scheduled or requested run: the messages that reached the store node since the last
     * sync, then the run. A source that does not answer costs the run nothing but those messages.
     */
    private void catchUpBeforeRun(CommunitySchedule schedule, int generation, Runnable run) {
        MessageSource source = sources.get();
        if (source instanceof EmbeddedMessageSource) {
            run.run();
            return;
        }
        schedule.activity = CommunityStatus.Activity.SYNCING;
        schedule.message = "asking " + source.describe() + " whether it is ready, to fetch the newest messages before the run";
        changed.run();
        checks.check(source, availability -> schedule.queue.submit(() -> {
            if (!schedule.isCurrent(generation)) {
                return;
            }
            if (!availability.available()) {
                events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id)
                        .withDetail(availability.detail() + "; the stored messages are archived without the newest ones"));
                run.run();
                return;
            }
            catchUp(schedule, generation, source, run);
        }));
    }

    /** Case 1, 2 or 3 of spec §5.2 step 4, with its exact arithmetic. */
    private void decide(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        long interval = settings.archiveInterval().toSeconds();
        long now = clock.instant().getEpochSecond();
        long lastEnd = runner.lastEnd(schedule.community).orElse(0L);
        if (org.historian.archive.ArchiveFormat.endsInTheFuture(lastEnd, clock.instant())) {
            // Left by an older version that accepted such ends: scheduling at it would overflow or wait for years.
            schedule.activity = CommunityStatus.Activity.ERROR;
            schedule.message = "the stored end of the last archive, " + org.historian.archive.ArchiveFormat.instant(lastEnd)
                    + ", lies in the future, so this community cannot be archived until then; its archives were made or adopted "
                    + "with an end date that had not come yet. Move its archive folder aside and remove and add the community "
                    + "again to start a new history.";
            changed.run();
            return;
        }
        if (lastEnd != 0 && now - lastEnd < interval) {
            Instant at = Instant.ofEpochSecond(lastEnd + interval);
            schedule.oneShot(at, scheduler.schedule(at, () -> schedule.queue.submit(() -> {
                schedule.oneShotDone();
                runRange(schedule, generation, lastEnd, lastEnd + interval, Trigger.SCHEDULED);
            })));
        } else if (lastEnd != 0) {
            runRange(schedule, generation, lastEnd, now, Trigger.START_UP);
        }
        startPeriodic(schedule, generation);
        settle(schedule);
    }

    private void startPeriodic(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation) || schedule.hasPeriodic()) {
            return;
        }
        schedulePeriodic(schedule, generation, clock.instant().plus(settings.archiveInterval()));
    }

    private void schedulePeriodic(CommunitySchedule schedule, int generation, Instant at) {
        schedule.periodic(at, scheduler.schedule(at, () -> schedule.queue.submit(() -> tick(schedule, generation))));
        changed.run();
    }

    private void tick(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        schedulePeriodic(schedule, generation, schedule.nextTick().plus(settings.archiveInterval()));
        communities.find(schedule.id).ifPresent(fresh -> schedule.community = fresh);
        Optional<Long> lastEnd = runner.lastEnd(schedule.community);
        if (lastEnd.isPresent()) {
            runRange(schedule, generation, lastEnd.get(), clock.instant().getEpochSecond(), Trigger.SCHEDULED);
        }
    }

    /** "Archive now": a run over {@code [lastEnd, now)} outside the schedule. */
    void archiveNow(CommunitySchedule schedule, int generation) {
        Optional<Long> lastEnd = runner.lastEnd(schedule.community);
        if (lastEnd.isEmpty()) {
            schedule.message = "nothing to archive: no messages are stored for this community yet";
            changed.run();
            return;
        }
        runRange(schedule, generation, lastEnd.get(), clock.instant().getEpochSecond(), Trigger.ON_REQUEST);
    }

    private void runRange(CommunitySchedule schedule, int generation, long requestedStart, long end, Trigger trigger) {
        if (!schedule.isCurrent(generation) || startOf(schedule, requestedStart) >= end) {
            settle(schedule);
            return;
        }
        if (trigger == Trigger.START_UP) {
            archive(schedule, generation, requestedStart, end, trigger);
        } else {
            catchUpBeforeRun(schedule, generation, () -> archive(schedule, generation, requestedStart, end, trigger));
        }
    }

    /**
     * Never archive before the stored end date: a one-shot and a tick in any order, a run that
     * waited for its catch-up, or a clock that went back, can then not archive a range twice.
     */
    private long startOf(CommunitySchedule schedule, long requestedStart) {
        Long stored = archiveInfo.get(schedule.id).lastArchiveEndDate();
        return stored != null ? Math.max(requestedStart, stored) : requestedStart;
    }

    private void archive(CommunitySchedule schedule, int generation, long requestedStart, long end, Trigger trigger) {
        long start = startOf(schedule, requestedStart);
        if (!schedule.isCurrent(generation) || start >= end) {
            settle(schedule);
            return;
        }
        schedule.runCancelRequested = false;
        schedule.activity = CommunityStatus.Activity.ARCHIVING;
        schedule.progress = 0;
        schedule.message = trigger == Trigger.ON_REQUEST ? "archiving now, as asked" : "";
        changed.run();
        RunListener listener = new RunListener() {
            @Override
            public void progress(long messagesWritten, long position) {
                schedule.progress = Math.min(1.0, Math.max(0.0, (double) (position - start) / (end - start)));
                changed.run();
            }

            @Override
            public boolean cancelled() {
                return !schedule.isCurrent(generation) || schedule.runCancelRequested;
            }
        };
        try {
            RunOutcome outcome = runner.run(schedule.community, start, end, settings.archiveInterval().toSeconds(), listener);
            schedule.message = "";
            refreshSummary(schedule);
            if (outcome.createdAny()) {
                seeding.seedCurrent(schedule);
            }
        } catch (RunCancelledException e) {
            if (schedule.isCurrent(generation)) {
                // Cancelled by the operator, not by a disable: the schedule goes on.
                schedule.message = "the run was cancelled and nothing was written; its messages are archived by the next run";
                settle(schedule);
            }
            return;
        } catch (IOException | RuntimeException e) {
            schedule.activity = CommunityStatus.Activity.ERROR;
            schedule.message = e.getMessage();
            changed.run();
            return;
        }
        settle(schedule);
    }

    /** Back to seeding or idle once work is done, unless an error is being shown. */
    void settle(CommunitySchedule schedule) {
        if (schedule.isActive() && schedule.activity != CommunityStatus.Activity.ERROR) {
            schedule.activity = schedule.seeded != null ? CommunityStatus.Activity.SEEDING : CommunityStatus.Activity.IDLE;
        }
        schedule.progress = 0;
        changed.run();
    }

    /** Reloads what the snapshot shows of the ledger and the archive info. */
    void refreshSummary(CommunitySchedule schedule) {
        List<LedgerEntry> archives = ledger.list(schedule.id);
        schedule.archiveCount = archives.size();
        schedule.archiveBytes = archives.stream().mapToLong(LedgerEntry::size).sum();
        ArchiveInfo info = archiveInfo.get(schedule.id);
        schedule.lastEnd = info.lastArchiveEndDate();
        schedule.magnetUri = info.lastMagnetUri();
        schedule.magnetClock = info.magnetClock();
    }
}
