package org.historian.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.SeedingStats;
import org.historian.torrent.TorrentEngine;
import org.historian.waku.MagnetPublisher;
import org.historian.waku.MessageSource;

/**
 * Runs spec §5 for every controlled community: at start-up, seed what exists, wait for the
 * message source, fetch what was missed, then Case 1, 2 or 3; a periodic task per community
 * archives {@code [lastEnd, now)} every interval and re-seeds; every (re)seed publishes the
 * magnet link, and the current link is published again periodically. Disabling cancels every
 * task and pending run. The UI and the headless mode only observe {@link #snapshot()} and
 * command the service.
 */
public final class ArchiveService implements AutoCloseable {
    private final CommunityRepository communities;
    private final TorrentEngine engine;
    private final MagnetPublisher publisher;
    private final CommunityAdmin admin;
    private final HistorianSettings settings;
    private final EventSink events;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final CommunitySeeding seeding;
    private final CommunityRuns runs;
    private final ArchiveRunner runner;
    private final SnapshotNotifier notifier;
    private final MirrorFollower mirrorFollower;
    private final org.historian.store.MirrorRepository mirrors;

    private final Map<CommunityId, CommunitySchedule> schedules = new ConcurrentHashMap<>();
    private volatile ServiceSnapshot.Protocol protocol = ServiceSnapshot.Protocol.OFF;
    private volatile String protocolMessage = "";
    private TaskScheduler.Cancellable republishing;

    /** Everything the service works with, wired in the app. */
    public record Parts(CommunityRepository communities, ArchiveInfoRepository archiveInfo, ArchiveLedgerRepository ledger,
                        ArchiveRunner runner, TorrentService torrents, TorrentEngine engine, MessageSync sync,
                        Supplier<MessageSource> sources, MagnetPublisher publisher, CommunityAdmin admin,
                        HistorianSettings settings, EventSink events, TaskScheduler scheduler, Clock clock,
                        org.historian.store.MirrorRepository mirrors, java.util.concurrent.Executor network,
                        java.util.concurrent.Executor calls, StoreNodes storeNodes) {
    }

    private boolean loaded;

    public ArchiveService(Parts parts) {
        this.communities = parts.communities();
        this.engine = parts.engine();
        this.publisher = parts.publisher();
        this.admin = parts.admin();
        this.settings = parts.settings();
        this.events = parts.events();
        this.scheduler = parts.scheduler();
        this.clock = parts.clock();
        this.notifier = new SnapshotNotifier(scheduler, clock, this::snapshot);
        NetworkCalls calls = new NetworkCalls(parts.calls(), scheduler, clock);
        this.seeding = new CommunitySeeding(parts.torrents(), engine, publisher, parts.archiveInfo(), events, clock, scheduler,
                settings::magnetRepublishPeriod, calls, notifier::changed);
        this.runs = new CommunityRuns(parts, seeding, calls, new SourceChecks(calls, clock), notifier::changed);
        this.runner = parts.runner();
        this.mirrors = parts.mirrors();
        this.mirrorFollower = new MirrorFollower(parts.torrents().archiveRoot(), new org.historian.archive.DiskFileSystem(), engine,
                parts.torrents(), parts.archiveInfo(), mirrors, parts.storeNodes(), settings, events, clock, scheduler,
                parts.network(), notifier::changed);
    }

    // ---- Protocol on and off (spec §5.5) ----

    /** Loads the communities and turns the protocol on if the saved setting says so. */
    public synchronized void start() {
        load();
        if (settings.protocolEnabled()) {
            turnOn();
        }
        changed();
    }

    /**
     * Loads the communities, for the snapshot, without starting anything: the window shows them
     * before their start-ups compete with it for the processor. Once is enough; {@link #start}
     * loads them if this was not called.
     */
    public synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        java.util.Set<CommunityId> mirrored = mirrors.all().keySet();
        for (Community community : communities.list()) {
            CommunitySchedule schedule = new CommunitySchedule(community, queueFor(community.id()));
            schedule.mirror = mirrored.contains(community.id());
            runs.refreshSummary(schedule);
            schedules.put(community.id(), schedule);
        }
        if (settings.protocolEnabled()) {
            protocol = ServiceSnapshot.Protocol.STARTING; // what the window shows until start() turns it on
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
            seeding.unseed(schedule);
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
    public synchronized TorrentClientStatus applyTorrentSettings() {
        if (protocol == ServiceSnapshot.Protocol.OFF) {
            return TorrentClientStatus.of(engine.status());
        }
        EngineStatus status = engine.start(settings.torrentSettings());
        protocol = status.state() == EngineStatus.State.RUNNING ? ServiceSnapshot.Protocol.ON : ServiceSnapshot.Protocol.ERROR;
        protocolMessage = status.message();
        schedules.values().forEach(schedule -> {
            if (schedule.isActive()) {
                schedule.queue.submit(() -> seeding.seedCurrent(schedule));
            }
        });
        changed();
        return TorrentClientStatus.of(status);
    }

    // ---- Communities ----

    public synchronized void addCommunity(Community community) {
        communities.add(community);
        addSchedule(community, false);
    }

    /**
     * Mirrors a community this node does not own: no key is needed. It follows the community's
     * archive links on the store node, fetches each new torrent and seeds the newest; it never
     * archives messages and never publishes links.
     *
     * @throws IllegalStateException when this node has the community already
     */
    public synchronized void addMirror(Community community) {
        communities.add(community);
        mirrors.add(community.id(), clock.instant().getEpochSecond());
        addSchedule(community, true);
    }

    /** A community's queue; a task that fails is reported on the community, and the next ones run. */
    private SerialQueue queueFor(CommunityId id) {
        return new SerialQueue(scheduler, failure -> events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, id)
                .withDetail("a task of this community failed (" + failure + "); its next tasks run as usual. Please report it "
                        + "with the log.")));
    }

    private void addSchedule(Community community, boolean mirror) {
        CommunitySchedule schedule = new CommunitySchedule(community, queueFor(community.id()));
        schedule.mirror = mirror;
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
                seeding.unseed(schedule);
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

    /** New extra topics are used from the next run on; the universal chat's topic is always archived. */
    public synchronized void updateExtraTopics(CommunityId id, List<ContentTopic> topics, java.util.Map<ContentTopic, String> chatIds) {
        communities.updateExtraTopics(id, topics, chatIds);
        schedule(id).community = communities.find(id).orElseThrow();
        changed();
    }

    /** A run over {@code [lastEnd, now)} outside the schedule, after whatever the community is doing. */
    public void archiveNow(CommunityId id) {
        CommunitySchedule schedule = schedule(id);
        if (schedule.mirror) {
            mirrorFollower.pollNow(schedule); // a mirror never archives: it reads the owner's links now instead
            return;
        }
        int generation = schedule.generation();
        schedule.queue.submit(() -> runs.archiveNow(schedule, generation));
    }

    /**
     * Publishes every seeded community's current link now, outside the daily round: after the
     * keys were unlocked or imported, or the Waku settings changed.
     */
    public void publishNow() {
        schedules.values().forEach(schedule -> schedule.queue.submit(() -> seeding.republish(schedule)));
    }

    /** Stops the community's run in progress, if any; nothing of it is written and the schedule goes on. */
    public void cancelRun(CommunityId id) {
        CommunitySchedule schedule = schedule(id);
        if (schedule.activity == CommunityStatus.Activity.ARCHIVING) {
            schedule.runCancelRequested = true;
        }
    }

    /**
     * Reads the community again from the store and starts it over, as at start-up: after its
     * history was fetched from another node, say.
     */
    public synchronized void reload(CommunityId id) {
        CommunitySchedule schedule = schedule(id);
        schedule.community = communities.find(id).orElseThrow();
        runs.refreshSummary(schedule);
        if (protocol != ServiceSnapshot.Protocol.OFF && schedule.community.archiveSupport()) {
            activate(schedule);
        }
        changed();
    }

    /**
     * Rebuilds a community's lost or damaged index from its data, every archive checked against
     * the ledger ({@link ArchiveRunner#repairIndex}), then starts the community over. Blocks while
     * it reads the folder: call it off the window's thread.
     */
    public IndexRepair.Result repairIndex(CommunityId id) throws IOException {
        IndexRepair.Result result = runner.repairIndex(id);
        reload(id);
        return result;
    }

    private CommunitySchedule schedule(CommunityId id) {
        CommunitySchedule schedule = schedules.get(id);
        if (schedule == null) {
            throw new IllegalArgumentException("no community " + id);
        }
        return schedule;
    }

    private void activate(CommunitySchedule schedule) {
        schedule.deactivate();
        int generation = schedule.activate();
        schedule.activity = CommunityStatus.Activity.IDLE;
        schedule.message = "";
        if (schedule.mirror) {
            schedule.queue.submit(() -> mirrorFollower.startUp(schedule, generation));
        } else {
            schedule.queue.submit(() -> runs.startUp(schedule, generation));
        }
    }

    private void deactivate(CommunitySchedule schedule, String reason) {
        schedule.deactivate();
        schedule.activity = CommunityStatus.Activity.DISABLED;
        schedule.message = reason;
        schedule.progress = 0;
        schedule.queue.submit(() -> seeding.unseed(schedule));
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
            schedules.values().forEach(schedule -> schedule.queue.submit(() -> seeding.republish(schedule)));
        });
    }

    // ---- What the UI sees ----

    /** The current state, built from memory: cheap, and it never waits for a run. */
    public ServiceSnapshot snapshot() {
        Map<CommunityId, SeedingStats> stats = engine.allStats();
        List<CommunityStatus> statuses = new ArrayList<>();
        for (CommunitySchedule schedule : schedules.values()) {
            statuses.add(new CommunityStatus(schedule.community, schedule.activity, schedule.progress, schedule.message,
                    schedule.lastEnd, schedule.nextRun(), schedule.archiveCount, schedule.archiveBytes,
                    SeedingFigures.of(stats.get(schedule.id)), schedule.magnetUri, infoHashOf(schedule), schedule.publication,
                    schedule.mirror ? schedule.mirrorStatus : null));
        }
        statuses.sort(Comparator.comparing((CommunityStatus s) -> s.community().name(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(s -> s.community().id()));
        return new ServiceSnapshot(protocol, protocolMessage, TorrentClientStatus.of(engine.status()), statuses, publisher.describe(),
                clock.instant());
    }

    /** The seeded torrent's info-hash, else that of the link last published. */
    private static String infoHashOf(CommunitySchedule schedule) {
        if (schedule.seeded != null) {
            return schedule.seeded.hex();
        }
        try {
            return schedule.magnetUri == null ? null : org.historian.torrent.MagnetLink.parse(schedule.magnetUri).infoHash().hex();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Called with a new snapshot after changes, at most every {@link SnapshotNotifier#DELAY}: many
     * changes in a row (a run's progress) give one call. Runs on a service thread; must not block.
     */
    public void addListener(Consumer<ServiceSnapshot> listener) {
        notifier.add(listener);
    }

    public void removeListener(Consumer<ServiceSnapshot> listener) {
        notifier.remove(listener);
    }

    private void changed() {
        notifier.changed();
    }

    /** Stops the service: every task cancelled and every torrent unseeded; the saved setting is kept. */
    @Override
    public synchronized void close() {
        turnOff(false);
    }
}
