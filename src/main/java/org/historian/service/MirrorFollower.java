package org.historian.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.MirrorRepository;
import org.historian.torrent.FetchException;
import org.historian.torrent.FetchHandle;
import org.historian.torrent.FetchListener;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.InfoHash;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.PieceRange;
import org.historian.torrent.TorrentEngine;
import org.historian.waku.MessageSourceException;
import org.historian.waku.StoreNodeClient;

/**
 * Mirror mode: keeps a community's history online without its owner. Every poll interval it
 * reads the community's archive links from the store node as a member does (signed by the
 * community, clock never going back; spec §6 step 1), fetches the torrent of a new link into a
 * staging folder, only the archives it does not hold, checks what arrived, and only then swaps it
 * in and seeds it: the torrent seeded before keeps serving until the new one is complete. A mirror
 * never archives messages and never publishes links.
 *
 * <p>Reading the store and fetching wait on the network, so they run on the network executor,
 * never on the threads that run archives; the swap runs on the community's own queue.
 */
final class MirrorFollower {
    /** A poll re-reads links sent this long before the last poll: a store node may deliver late. */
    static final Duration LOOKBACK = Duration.ofDays(2);
    /** Owners re-publish daily (spec §10 item 9): three days without a link means the owner may be offline. */
    static final Duration STALE_AFTER = Duration.ofDays(3);
    /** How long peers have to send a new link's torrent metadata (each of two attempts); tests shorten it. */
    static volatile Duration metadataTimeout = FetchRequest.METADATA_TIMEOUT;

    private final MirrorFolders folders;
    private final TorrentEngine engine;
    private final TorrentService torrents;
    private final ArchiveInfoRepository archiveInfo;
    private final MirrorRepository mirrors;
    private final StoreNodes nodes;
    private final HistorianSettings settings;
    private final EventSink events;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Executor network;
    private final Runnable changed;
    /** Torrents refused for what they hold (not for an unreachable peer): not fetched again. */
    private final Set<InfoHash> refused = ConcurrentHashMap.newKeySet();
    /** Problems already in the activity log, per community: each is reported once, not once per poll. */
    private final Map<CommunityId, Set<String>> reported = new ConcurrentHashMap<>();

    MirrorFollower(Path archiveRoot, ArchiveFileSystem files, TorrentEngine engine, TorrentService torrents,
                   ArchiveInfoRepository archiveInfo, MirrorRepository mirrors, StoreNodes nodes, HistorianSettings settings,
                   EventSink events, Clock clock, TaskScheduler scheduler, Executor network, Runnable changed) {
        this.folders = new MirrorFolders(archiveRoot, files, clock);
        this.engine = engine;
        this.torrents = torrents;
        this.archiveInfo = archiveInfo;
        this.mirrors = mirrors;
        this.nodes = nodes;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.scheduler = scheduler;
        this.network = network;
        this.changed = changed;
    }

    /** On the community's queue: seeds what the mirror holds (without publishing), then polls at once. */
    void startUp(CommunitySchedule schedule, int generation) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        Optional<MirrorRepository.Mirror> record = mirrors.find(schedule.id);
        Instant sent = record.map(MirrorRepository.Mirror::linkSentAt).map(Instant::ofEpochSecond).orElse(null);
        Instant polled = record.map(MirrorRepository.Mirror::polledAt).map(Instant::ofEpochSecond).orElse(null);
        schedule.mirrorStatus = new MirrorStatus(MirrorStatus.State.FOLLOWING, "reading the store node for the community's "
                + "archive links", sent, polled, 0);
        schedule.magnetUri = archiveInfo.get(schedule.id).lastMagnetUri();
        schedule.magnetClock = archiveInfo.get(schedule.id).magnetClock();
        refreshHeld(schedule);
        try {
            if (engine.status().state() == org.historian.torrent.EngineStatus.State.RUNNING) {
                torrents.seedCurrent(engine, schedule.id).ifPresent(torrent -> {
                    schedule.seeded = torrent.infoHash();
                    events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_SEEDING, schedule.id)
                            .withDetail("mirror: " + torrent.infoHash().hex()));
                    schedule.mirrorStatus = status(schedule, MirrorStatus.State.SEEDING, "");
                });
            }
        } catch (IOException | org.historian.torrent.UnsafeTorrentException | RuntimeException e) {
            report(schedule, MirrorStatus.State.REFUSED, "the archives held cannot be seeded (" + message(e)
                    + "); they are fetched again from the next link");
        }
        schedule.activity = CommunityStatus.Activity.SEEDING;
        changed.run();
        schedulePoll(schedule, generation, clock.instant());
    }

    /** Reads the store node now, outside the interval ("Check now"). */
    void pollNow(CommunitySchedule schedule) {
        int generation = schedule.generation();
        if (generation >= 0) {
            network.execute(() -> poll(schedule, generation, false));
        }
    }

    private void schedulePoll(CommunitySchedule schedule, int generation, Instant at) {
        if (schedule.isCurrent(generation)) {
            schedule.retry(scheduler.schedule(at, () -> network.execute(() -> poll(schedule, generation, true))));
        }
    }

    private void poll(CommunitySchedule schedule, int generation, boolean reschedule) {
        if (!schedule.isCurrent(generation)) {
            return;
        }
        try {
            pollOnce(schedule, generation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            report(schedule, MirrorStatus.State.REFUSED, "the poll failed: " + message(e));
        } finally {
            changed.run();
        }
        if (reschedule) {
            schedulePoll(schedule, generation, clock.instant().plus(settings.mirrorPollInterval()));
        }
    }

    private void pollOnce(CommunitySchedule schedule, int generation) throws InterruptedException {
        CommunityId id = schedule.id;
        Optional<StoreNodeClient> node = nodes.forMirror();
        if (node.isEmpty()) {
            report(schedule, MirrorStatus.State.NO_NODE, "no node to read the community's archive links from: set the store "
                    + "node URL (store.nodeUrl) or the Waku node URL (waku.nodeUrl) in Settings");
            return;
        }
        Long polledBefore = mirrors.find(id).map(MirrorRepository.Mirror::polledAt).orElse(null);
        long since = polledBefore == null ? 0 : Math.max(0, polledBefore - LOOKBACK.toSeconds());
        ArchiveLinkReader.Found found;
        try {
            found = ArchiveLinkReader.read(id, schedule.community.pubsubTopic(), node.get(), since);
        } catch (MessageSourceException e) {
            report(schedule, schedule.seeded != null ? stateWhileSeeding(schedule) : MirrorStatus.State.FOLLOWING,
                    "the store node could not be read (" + e.getMessage() + "); tried again at the next poll");
            return;
        }
        long now = clock.instant().getEpochSecond();
        mirrors.setPolled(id, now);
        found.dropped().forEach(reason -> reportOnce(schedule, "a link was refused: " + reason));
        Optional<ArchiveLinkReader.Link> newest = found.newest();
        if (newest.isEmpty()) {
            if (schedule.seeded == null) {
                schedule.mirrorStatus = status(schedule, MirrorStatus.State.FOLLOWING, node.get().describe()
                        + " holds no archive link of this community yet");
            } else {
                schedule.mirrorStatus = status(schedule, stateWhileSeeding(schedule), "");
            }
            return;
        }
        ArchiveLinkReader.Link link = newest.get();
        long acceptedClock = archiveInfo.get(id).magnetClock();
        if (link.clock() < acceptedClock) {
            reportOnce(schedule, "an older link (clock " + link.clock() + ", below the accepted " + acceptedClock
                    + ") was ignored, as members ignore it");
            schedule.mirrorStatus = status(schedule, schedule.seeded != null ? stateWhileSeeding(schedule)
                    : MirrorStatus.State.FOLLOWING, "");
            return;
        }
        MagnetLink magnet;
        try {
            magnet = MagnetLink.parse(link.magnetUri());
        } catch (IllegalArgumentException e) {
            report(schedule, MirrorStatus.State.REFUSED, "the newest link (clock " + link.clock() + ") is not a magnet link: "
                    + e.getMessage());
            return;
        }
        if (magnet.infoHash().equals(schedule.seeded)) {
            accept(schedule, link);
            schedule.mirrorStatus = status(schedule, stateWhileSeeding(schedule), "");
            return;
        }
        if (refused.contains(magnet.infoHash())) {
            return; // refused before for what it holds; the status still says why
        }
        fetch(schedule, generation, link, magnet);
    }

    /** The link names the torrent seeded now: its clock and time are the newest accepted. */
    private void accept(CommunitySchedule schedule, ArchiveLinkReader.Link link) {
        if (link.clock() > archiveInfo.get(schedule.id).magnetClock()) {
            archiveInfo.setMagnetLink(schedule.id, link.clock(), link.magnetUri());
            schedule.magnetClock = link.clock();
            schedule.magnetUri = link.magnetUri();
        }
        Long sent = mirrors.find(schedule.id).map(MirrorRepository.Mirror::linkSentAt).orElse(null);
        if (sent == null || link.sentAt() > sent) {
            mirrors.setLinkSentAt(schedule.id, link.sentAt());
        }
    }

    private void fetch(CommunitySchedule schedule, int generation, ArchiveLinkReader.Link link, MagnetLink magnet)
            throws InterruptedException {
        CommunityId id = schedule.id;
        String which = "the link of " + Instant.ofEpochSecond(link.sentAt()) + " (clock " + link.clock() + ", "
                + magnet.infoHash().hex() + ")";
        schedule.mirrorStatus = new MirrorStatus(MirrorStatus.State.FETCHING, "fetching the torrent of " + which,
                schedule.mirrorStatus.linkSentAt(), clock.instant(), 0);
        changed.run();
        events.emit(HistorianEvent.of(clock.instant(), EventType.DOWNLOADING_STARTED, id).withDetail("mirror: " + which));
        ArchiveFolder staged = folders.staged(id);
        ArchiveFolder live = folders.live(id);
        Set<String> held;
        try {
            held = folders.stage(live, staged);
        } catch (IOException e) {
            report(schedule, MirrorStatus.State.REFUSED, "the staging folder could not be prepared: " + message(e));
            return;
        }
        Map<String, ArchiveIndexEntry> planned = new ConcurrentHashMap<>();
        AtomicLong wanted = new AtomicLong();
        AtomicLong done = new AtomicLong();
        FetchListener progress = new FetchListener() {
            @Override
            public void indexReceived(List<PieceRange> ranges) {
                wanted.set(ranges.stream().mapToLong(PieceRange::pieceCount).sum());
            }

            @Override
            public void rangeDownloaded(PieceRange range) {
                done.addAndGet(range.pieceCount());
                ArchiveIndexEntry entry = planned.get(range.name());
                events.emit(HistorianEvent.ranged(clock.instant(), EventType.ARCHIVE_DOWNLOADED, id, entry.from(), entry.to()));
                MirrorStatus now = schedule.mirrorStatus;
                schedule.mirrorStatus = new MirrorStatus(MirrorStatus.State.FETCHING, now.detail(), now.linkSentAt(), now.polledAt(),
                        wanted.get() == 0 ? 1 : (double) done.get() / wanted.get());
                changed.run();
            }
        };
        FetchRequest request = FetchRequest.ofMagnet(id, magnet, folders.stagingRoot(), (index, dataLength) ->
                ArchiveFetcher.plan(ArchiveFetcher.readIndex(index, dataLength), held, planned), settings.fetchStallTimeout(), progress)
                .withMetadataTimeout(metadataTimeout, 2);
        FetchHandle handle = engine.fetch(request);
        schedule.mirrorFetch = handle;
        try {
            handle.result().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean forGood = cause instanceof FetchException f && f.reason() == FetchException.Reason.UNSAFE;
            if (cause instanceof FetchException f && f.reason() == FetchException.Reason.CANCELLED) {
                return;
            }
            refuse(schedule, magnet, forGood, "the torrent of " + which + " could not be fetched: " + message(cause)
                    + (forGood ? "" : "; tried again at the next poll"));
            return;
        } finally {
            schedule.mirrorFetch = null;
        }
        if (!schedule.isCurrent(generation)) {
            return;
        }
        String problem = folders.check(staged, magnet.infoHash());
        if (problem != null) {
            refuse(schedule, magnet, true, "the torrent of " + which + " was fetched but refused: " + problem);
            return;
        }
        // The swap runs on the community's queue, after whatever it is doing; this thread does not wait for it.
        schedule.queue.submit(() -> {
            if (!schedule.isCurrent(generation)) {
                return;
            }
            try {
                swapIn(schedule, staged, live, link, magnet);
            } catch (IOException | org.historian.torrent.UnsafeTorrentException | RuntimeException e) {
                refuse(schedule, magnet, false, "the fetched torrent of " + which + " could not be seeded: " + message(e));
                changed.run();
            }
        });
    }

    /** On the community's queue: the old torrent stops only now, the new folder moves in and is seeded. */
    private void swapIn(CommunitySchedule schedule, ArchiveFolder staged, ArchiveFolder live, ArchiveLinkReader.Link link,
                        MagnetLink magnet) throws IOException, org.historian.torrent.UnsafeTorrentException {
        CommunityId id = schedule.id;
        events.emit(HistorianEvent.of(clock.instant(), EventType.DOWNLOADING_FINISHED, id).withDetail("mirror: "
                + magnet.infoHash().hex() + " complete and verified"));
        if (schedule.seeded != null) {
            engine.unseed(id);
            events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_UNSEEDED, id)
                    .withDetail("mirror: " + schedule.seeded.hex() + " replaced by " + magnet.infoHash().hex()));
            schedule.seeded = null;
        }
        folders.moveIn(staged, live);
        TorrentService.CommunityTorrent torrent = torrents.seedCurrent(engine, id).orElseThrow(() ->
                new IOException("the folder moved in holds no archives"));
        if (!torrent.infoHash().equals(magnet.infoHash())) {
            throw new IOException("the folder makes the torrent " + torrent.infoHash().hex() + ", not " + magnet.infoHash().hex());
        }
        schedule.seeded = torrent.infoHash();
        archiveInfo.setMagnetLink(id, link.clock(), link.magnetUri());
        schedule.magnetClock = link.clock();
        schedule.magnetUri = link.magnetUri();
        accept(schedule, link);
        events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_SEEDING, id).withDetail("mirror: " + magnet.infoHash().hex()
                + ", the link of " + Instant.ofEpochSecond(link.sentAt())));
        reported.remove(id);
        refreshHeld(schedule);
        schedule.mirrorStatus = status(schedule, stateWhileSeeding(schedule), "");
        schedule.activity = CommunityStatus.Activity.SEEDING;
        changed.run();
    }

    /** The archives the mirror holds, for the list and the timeline: from its folder's index. */
    private void refreshHeld(CommunitySchedule schedule) {
        List<ArchiveRow> held = folders.held(schedule.id);
        schedule.archiveCount = held.size();
        schedule.archiveBytes = held.stream().mapToLong(ArchiveRow::size).sum();
        schedule.lastEnd = held.isEmpty() ? null : held.get(held.size() - 1).to();
    }

    private void refuse(CommunitySchedule schedule, MagnetLink magnet, boolean forGood, String why) {
        if (forGood) {
            refused.add(magnet.infoHash());
        }
        report(schedule, MirrorStatus.State.REFUSED, why + (schedule.seeded != null ? "; the torrent held keeps seeding" : ""));
    }

    private MirrorStatus.State stateWhileSeeding(CommunitySchedule schedule) {
        Long sent = mirrors.find(schedule.id).map(MirrorRepository.Mirror::linkSentAt).orElse(null);
        return sent != null && clock.instant().getEpochSecond() - sent > STALE_AFTER.toSeconds()
                ? MirrorStatus.State.STALE : MirrorStatus.State.SEEDING;
    }

    private MirrorStatus status(CommunitySchedule schedule, MirrorStatus.State state, String detail) {
        Optional<MirrorRepository.Mirror> record = mirrors.find(schedule.id);
        Instant sent = record.map(MirrorRepository.Mirror::linkSentAt).map(Instant::ofEpochSecond).orElse(null);
        Instant polled = record.map(MirrorRepository.Mirror::polledAt).map(Instant::ofEpochSecond).orElse(null);
        if (state == MirrorStatus.State.STALE && detail.isEmpty() && sent != null) {
            detail = "the owner has sent no archive link for " + Duration.between(sent, clock.instant()).toDays()
                    + " days; the history held keeps seeding";
        }
        return new MirrorStatus(state, detail, sent, polled, 0);
    }

    /** Sets the state and logs the reason once (not once per poll). */
    private void report(CommunitySchedule schedule, MirrorStatus.State state, String detail) {
        schedule.mirrorStatus = status(schedule, state, detail);
        reportOnce(schedule, detail);
    }

    private void reportOnce(CommunitySchedule schedule, String detail) {
        if (reported.computeIfAbsent(schedule.id, id -> ConcurrentHashMap.newKeySet()).add(detail)) {
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, schedule.id).withDetail("mirror: " + detail));
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
