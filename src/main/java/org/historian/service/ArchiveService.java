package org.historian.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.historian.archive.RunCancelledException;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfo;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.LedgerEntry;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.SeedingStats;
import org.historian.torrent.TorrentEngine;
import org.historian.torrent.UnsafeTorrentException;
import org.historian.waku.MagnetPublishException;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.MessageSource;
import org.historian.waku.MessageSourceException;

/**
 * Runs spec §5 for every controlled community: at start-up, seed what exists, wait for the
 * message source, fetch what was missed, then Case 1, 2 or 3; a periodic task per community
 * archives {@code [lastEnd, now)} every interval and re-seeds; every (re)seed publishes the
 * magnet link, and the current link is published again periodically. Disabling cancels every
 * task and pending run. The UI and the headless mode only observe {@link #snapshot()} and
 * command the service.
 */
public final class ArchiveService implements AutoCloseable {
    static final Duration SOURCE_RETRY_FIRST = Duration.ofSeconds(5);
    static final Duration SOURCE_RETRY_MAX = Duration.ofMinutes(5);
    static final Duration NOTIFY_DELAY = Duration.ofMillis(200);

    private final CommunityRepository communities;
    private final ArchiveInfoRepository archiveInfo;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveRunner runner;
    private final TorrentService torrents;
    private final TorrentEngine engine;
    private final MessageSync sync;
    private final Supplier<MessageSource> sources;
    private final MagnetPublisher publisher;
    private final CommunityAdmin admin;
    private final HistorianSettings settings;
    private final EventSink events;
    private final TaskScheduler scheduler;
    private final Clock clock;

    private final Map<CommunityId, CommunitySchedule> schedules = new ConcurrentHashMap<>();
    private final List<Consumer<ServiceSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean notificationPending = new AtomicBoolean();
    private volatile ServiceSnapshot.Protocol protocol = ServiceSnapshot.Protocol.OFF;
    private volatile String protocolMessage = "";
    private TaskScheduler.Cancellable republishing;

    /** Everything the service works with, wired in the app. */
    public record Parts(CommunityRepository communities, ArchiveInfoRepository archiveInfo, ArchiveLedgerRepository ledger,
                        ArchiveRunner runner, TorrentService torrents, TorrentEngine engine, MessageSync sync,
                        Supplier<MessageSource> sources, MagnetPublisher publisher, CommunityAdmin admin,
                        HistorianSettings settings, EventSink events, TaskScheduler scheduler, Clock clock) {
    }

    public ArchiveService(Parts parts) {
        this.communities = parts.communities();
        this.archiveInfo = parts.archiveInfo();
        this.ledger = parts.ledger();
        this.runner = parts.runner();
        this.torrents = parts.torrents();
        this.engine = parts.engine();
        this.sync = parts.sync();
        this.sources = parts.sources();
        this.publisher = parts.publisher();
        this.admin = parts.admin();
        this.settings = parts.settings();
        this.events = parts.events();
        this.scheduler = parts.scheduler();
        this.clock = parts.clock();
    }

    // ---- Protocol on and off (spec §5.5) ----

    /** Loads the communities and turns the protocol on if the saved setting says so. */
    public synchronized void start() {
        for (Community community : communities.list()) {
            CommunitySchedule schedule = new CommunitySchedule(community, new SerialQueue(scheduler));
            refreshSummary(schedule);
            schedules.put(community.id(), schedule);
        }
        if (settings.protocolEnabled()) {
            turnOn();
        }
        changed();
    }

    public synchronized void enable() {
        settings.set(Setting.PROTOCOL_ENABLED, "true");
        if (protocol == ServiceSnapshot.Protocol.OFF) {
            turnOn();
        }
    }

    public synchronized void disable() {
        settings.set(Setting.PROTOCOL_ENABLED, "false");
        turnOff(true);
    }

    private void turnOn() {
        protocol = ServiceSnapshot.Protocol.STARTING;
        changed();
        EngineStatus status = engine.start(settings.torrentSettings());
        // Archiving goes on without the torrent client (status-go's tasks never start then).
        protocol = status.state() == EngineStatus.State.RUNNING ? ServiceSnapshot.Protocol.ON : ServiceSnapshot.Protocol.ERROR;
        protocolMessage = status.message();
        events.emit(HistorianEvent.of(clock.instant(), EventType.PROTOCOL_ENABLED, null).withDetail(status.message()));
        schedules.values().forEach(schedule -> {
            if (schedule.community.archiveSupport()) {
                activate(schedule);
            } else {
                schedule.activity = CommunityStatus.Activity.DISABLED;
                schedule.message = "archiving is off for this community";
            }
        });
        scheduleRepublishing();
        changed();
    }

    /**
     * Cancels every task and pending run and unseeds every torrent, here and now, then stops the
     * torrent client. A run in progress sees its cancellation and leaves its folder as it was.
     */
    private void turnOff(boolean announce) {
        if (republishing != null) {
            republishing.cancel();
            republishing = null;
        }
        for (CommunitySchedule schedule : schedules.values()) {
            schedule.deactivate();
            schedule.activity = CommunityStatus.Activity.DISABLED;
            schedule.message = "the archive protocol is off";
            schedule.progress = 0;
            unseed(schedule);
        }
        engine.stop();
        boolean wasOn = protocol != ServiceSnapshot.Protocol.OFF;
        protocol = ServiceSnapshot.Protocol.OFF;
        protocolMessage = "";
        if (wasOn && announce) {
            events.emit(HistorianEvent.of(clock.instant(), EventType.PROTOCOL_DISABLED, null));
        }
        changed();
    }

    /** Applies new torrent settings: the client restarts and every torrent is seeded again. */
    public synchronized EngineStatus applyTorrentSettings() {
        if (protocol == ServiceSnapshot.Protocol.OFF) {
            return engine.status();
        }
        EngineStatus status = engine.start(settings.torrentSettings());
        protocol = status.state() == EngineStatus.State.RUNNING ? ServiceSnapshot.Protocol.ON : ServiceSnapshot.Protocol.ERROR;
        protocolMessage = status.message();
        schedules.values().forEach(schedule -> {
            if (schedule.isActive()) {
                schedule.queue.submit(() -> seedCurrent(schedule));
            }
        });
        changed();
        return status;
    }

    // ---- Communities ----

    public synchronized void addCommunity(Community community) {
        communities.add(community);
        CommunitySchedule schedule = new CommunitySchedule(community, new SerialQueue(scheduler));
        schedules.put(community.id(), schedule);
        if (protocol != ServiceSnapshot.Protocol.OFF && community.archiveSupport()) {
            activate(schedule);
        }
        changed();
    }

    /**
     * Takes a community off the service (cancelling its tasks, unseeding it), then removes it as
     * {@link CommunityAdmin} does, on the community's own queue so no run of it is under way.
     * Waits for the removal; never call it from a service thread.
     */
    public CommunityAdmin.Removal removeCommunity(CommunityId id, boolean everything) throws IOException {
        CommunitySchedule schedule;
        synchronized (this) {
            schedule = schedule(id);
            schedule.deactivate();
        }
        java.util.concurrent.CompletableFuture<CommunityAdmin.Removal> removed = new java.util.concurrent.CompletableFuture<>();
        schedule.queue.submit(() -> {
            try {
                unseed(schedule);
                removed.complete(admin.remove(id, everything));
            } catch (IOException | RuntimeException e) {
                removed.completeExceptionally(e);
            }
        });
        try {
            CommunityAdmin.Removal removal = removed.join();
            schedules.remove(id);
            changed();
            return removal;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /** Per-community "history archive support", saved; takes effect at once. */
    public synchronized void setArchiving(CommunityId id, boolean enabled) {
        communities.setArchiveSupport(id, enabled);
        CommunitySchedule schedule = schedule(id);
        schedule.community = communities.find(id).orElseThrow();
        if (enabled && protocol != ServiceSnapshot.Protocol.OFF) {
            activate(schedule);
        } else if (!enabled) {
            deactivate(schedule, "archiving is off for this community");
        }
        changed();
    }

    /** New topics are used from the next run on. */
    public synchronized void updateTopics(CommunityId id, List<ContentTopic> topics) {
        communities.updateTopics(id, topics);
        schedule(id).community = communities.find(id).orElseThrow();
        changed();
    }

    /** A run over {@code [lastEnd, now)} outside the schedule, after whatever the community is doing. */
    public void archiveNow(CommunityId id) {
        CommunitySchedule schedule = schedule(id);
        int generation = schedule.generation();
        schedule.queue.submit(() -> {
            Optional<Long> lastEnd = runner.lastEnd(schedule.community);
            if (lastEnd.isEmpty()) {
                schedule.message = "nothing to archive: no messages are stored for this community yet";
                changed();
                return;
            }
            runRange(schedule, generation, lastEnd.get(), clock.instant().getEpochSecond(), true);
        });
    }

    private CommunitySchedule schedule(CommunityId id) {
        CommunitySchedule schedule = schedules.get(id);
        if (schedule == null) {
            throw new IllegalArgumentException("no community " + id);
        }
        return schedule;
    }

    // ---- Start-up (spec §5.2) and the periodic task (§5.3) ----

    private void activate(CommunitySchedule schedule) {
        schedule.deactivate();
        int generation = schedule.activate();
        schedule.activity = CommunityStatus.Activity.IDLE;
        schedule.message = "";
        schedule.queue.submit(() -> startUp(schedule, generation));
    }

    private void deactivate(CommunitySchedule schedule, String reason) {
        schedule.deactivate();
        schedule.activity = CommunityStatus.Activity.DISABLED;
        schedule.message = reason;
        schedule.progress = 0;
        schedule.queue.submit(() -> unseed(schedule));
    }

    private void startUp(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        seedCurrent(schedule);
        waitForSource(schedule, generation, 0);
    }

    private void waitForSource(CommunitySchedule schedule, int generation, int attempt) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        MessageSource source = sources.get();
        MessageSource.Availability availability = source.check();
        if (!availability.available()) {
            long delay = Math.min(SOURCE_RETRY_FIRST.toMillis() << Math.min(attempt, 16), SOURCE_RETRY_MAX.toMillis());
            Instant retryAt = clock.instant().plusMillis(delay);
            schedule.activity = CommunityStatus.Activity.WAITING_FOR_SOURCE;
            schedule.message = availability.detail() + "; trying again at " + retryAt;
            if (attempt == 0) {
                events.emit(HistorianEvent.of(clock.instant(), EventType.WAITING_FOR_SOURCE, schedule.id).withDetail(availability.detail()));
            }
            schedule.retry(scheduler.schedule(retryAt, () -> schedule.queue.submit(() -> waitForSource(schedule, generation, attempt + 1))));
            changed();
            return;
        }
        schedule.activity = CommunityStatus.Activity.SYNCING;
        schedule.message = "";
        changed();
        try {
            MessageSync.Outcome outcome = sync.catchUp(schedule.community, source);
            if (outcome.fetched() > 0) {
                events.emit(HistorianEvent.ranged(clock.instant(), EventType.MESSAGES_SYNCED, schedule.id, outcome.from(), outcome.to())
                        .withDetail(outcome.fetched() + " messages from " + source.describe() + ", " + outcome.stored() + " new"));
            }
        } catch (MessageSourceException e) {
            // Archive what is stored; the missed messages come with the next sync.
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id)
                    .withDetail("missed messages could not be fetched: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        decide(schedule, generation);
    }

    /** Case 1, 2 or 3 of spec §5.2 step 4, with its exact arithmetic. */
    private void decide(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        long interval = settings.archiveInterval().toSeconds();
        long now = clock.instant().getEpochSecond();
        long lastEnd = runner.lastEnd(schedule.community).orElse(0L);
        if (lastEnd != 0 && now - lastEnd < interval) {
            Instant at = Instant.ofEpochSecond(lastEnd + interval);
            schedule.oneShot(at, scheduler.schedule(at, () -> schedule.queue.submit(() -> {
                schedule.oneShotDone();
                runRange(schedule, generation, lastEnd, lastEnd + interval, false);
            })));
        } else if (lastEnd != 0) {
            runRange(schedule, generation, lastEnd, now, false);
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
        changed();
    }

    private void tick(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        schedulePeriodic(schedule, generation, schedule.nextTick().plus(settings.archiveInterval()));
        communities.find(schedule.id).ifPresent(fresh -> schedule.community = fresh);
        Optional<Long> lastEnd = runner.lastEnd(schedule.community);
        if (lastEnd.isPresent()) {
            runRange(schedule, generation, lastEnd.get(), clock.instant().getEpochSecond(), false);
        }
    }

    private void runRange(CommunitySchedule schedule, int generation, long requestedStart, long end, boolean onRequest) {
        // Never archive before the stored end date: a one-shot and a tick in any order, or a clock
        // that went back, can then not archive a range twice.
        Long stored = archiveInfo.get(schedule.id).lastArchiveEndDate();
        long start = stored != null ? Math.max(requestedStart, stored) : requestedStart;
        if (!schedule.isCurrent(generation) || start >= end) {
            settle(schedule);
            return;
        }
        schedule.activity = CommunityStatus.Activity.ARCHIVING;
        schedule.progress = 0;
        schedule.message = onRequest ? "archiving now, as asked" : "";
        changed();
        RunListener listener = new RunListener() {
            @Override
            public void progress(long messagesWritten, long position) {
                schedule.progress = Math.min(1.0, Math.max(0.0, (double) (position - start) / (end - start)));
                changed();
            }

            @Override
            public boolean cancelled() {
                return !schedule.isCurrent(generation);
            }
        };
        try {
            RunOutcome outcome = runner.run(schedule.community, start, end, settings.archiveInterval().toSeconds(), listener);
            schedule.message = "";
            refreshSummary(schedule);
            if (outcome.createdAny()) {
                seedCurrent(schedule);
            }
        } catch (RunCancelledException e) {
            return;
        } catch (IOException | RuntimeException e) {
            schedule.activity = CommunityStatus.Activity.ERROR;
            schedule.message = e.getMessage();
            changed();
            return;
        }
        settle(schedule);
    }

    // ---- Seeding and magnet links (spec §5.4) ----

    /** Seeds the community's current torrent (made again if stale); a new one is published. */
    private void seedCurrent(CommunitySchedule schedule) {
        if (!schedule.isActive()) {
            return;
        }
        try {
            Optional<TorrentService.CommunityTorrent> torrent = torrents.current(schedule.id);
            if (torrent.isEmpty() || engine.status().state() != EngineStatus.State.RUNNING) {
                return;
            }
            boolean changedTorrent = !torrent.get().infoHash().equals(schedule.seeded);
            engine.seed(schedule.id, torrent.get().bytes());
            if (changedTorrent) {
                schedule.seeded = torrent.get().infoHash();
                events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_SEEDING, schedule.id)
                        .withDetail(torrent.get().infoHash().hex()));
                publishMagnet(schedule, torrent.get().magnet().format());
            }
        } catch (IOException | UnsafeTorrentException | RuntimeException e) {
            if (schedule.isActive()) {
                schedule.activity = CommunityStatus.Activity.ERROR;
                schedule.message = "the archives cannot be seeded: " + e.getMessage();
                events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id).withDetail(schedule.message));
            }
        }
        changed();
    }

    private void unseed(CommunitySchedule schedule) {
        if (schedule.seeded != null) {
            engine.unseed(schedule.id);
            schedule.seeded = null;
            events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_UNSEEDED, schedule.id));
        }
        changed();
    }

    /** Publishes with a clock above the last one; the clock is stored only once the link went out. */
    private void publishMagnet(CommunitySchedule schedule, String magnetUri) {
        ArchiveInfo info = archiveInfo.get(schedule.id);
        long linkClock = Math.max(clock.millis(), info.magnetClock() + 1);
        try {
            publisher.publish(schedule.id, magnetUri, linkClock);
            archiveInfo.setMagnetLink(schedule.id, linkClock, magnetUri);
            schedule.magnetUri = magnetUri;
            schedule.magnetClock = linkClock;
        } catch (MagnetPublishException e) {
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id)
                    .withDetail("the magnet link could not be published: " + e.getMessage() + "; it is tried again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Members who missed a link need not wait a week (spec §10 item 9). */
    private void scheduleRepublishing() {
        if (republishing != null) {
            republishing.cancel();
        }
        Instant at = clock.instant().plus(settings.magnetRepublishPeriod());
        republishing = scheduler.schedule(at, () -> {
            synchronized (this) {
                if (protocol == ServiceSnapshot.Protocol.OFF) {
                    return;
                }
                scheduleRepublishing();
            }
            // The link is read when the task runs: a run queued before it may publish a newer one,
            // which must not be followed by the older link with a newer clock.
            schedules.values().forEach(schedule -> schedule.queue.submit(() -> {
                String link = schedule.magnetUri;
                if (schedule.isActive() && schedule.seeded != null && link != null) {
                    publishMagnet(schedule, link);
                }
            }));
        });
    }

    // ---- What the UI sees ----

    private void settle(CommunitySchedule schedule) {
        if (schedule.isActive() && schedule.activity != CommunityStatus.Activity.ERROR) {
            schedule.activity = schedule.seeded != null ? CommunityStatus.Activity.SEEDING : CommunityStatus.Activity.IDLE;
        }
        schedule.progress = 0;
        changed();
    }

    private void refreshSummary(CommunitySchedule schedule) {
        List<LedgerEntry> archives = ledger.list(schedule.id);
        schedule.archiveCount = archives.size();
        schedule.archiveBytes = archives.stream().mapToLong(LedgerEntry::size).sum();
        ArchiveInfo info = archiveInfo.get(schedule.id);
        schedule.lastEnd = info.lastArchiveEndDate();
        schedule.magnetUri = info.lastMagnetUri();
        schedule.magnetClock = info.magnetClock();
    }

    /** The current state, built from memory: cheap, and it never waits for a run. */
    public ServiceSnapshot snapshot() {
        Map<CommunityId, SeedingStats> stats = engine.allStats();
        List<CommunityStatus> statuses = new ArrayList<>();
        for (CommunitySchedule schedule : schedules.values()) {
            statuses.add(new CommunityStatus(schedule.community, schedule.activity, schedule.progress, schedule.message,
                    schedule.lastEnd, schedule.nextRun(), schedule.archiveCount, schedule.archiveBytes, stats.get(schedule.id),
                    schedule.magnetUri));
        }
        statuses.sort(Comparator.comparing((CommunityStatus s) -> s.community().name(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(s -> s.community().id()));
        return new ServiceSnapshot(protocol, protocolMessage, engine.status(), statuses, publisher.describe(), clock.instant());
    }

    /**
     * Called with a new snapshot after changes, at most every {@link #NOTIFY_DELAY}: many changes
     * in a row (a run's progress) give one call. Runs on a service thread; must not block.
     */
    public void addListener(Consumer<ServiceSnapshot> listener) {
        listeners.add(listener);
        changed();
    }

    public void removeListener(Consumer<ServiceSnapshot> listener) {
        listeners.remove(listener);
    }

    private void changed() {
        if (listeners.isEmpty() || !notificationPending.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(clock.instant().plus(NOTIFY_DELAY), () -> {
            notificationPending.set(false);
            ServiceSnapshot snapshot = snapshot();
            listeners.forEach(listener -> listener.accept(snapshot));
        });
    }

    /** Stops the service: every task cancelled and every torrent unseeded; the saved setting is kept. */
    @Override
    public synchronized void close() {
        turnOff(false);
    }
}
