package org.historian.torrent;

import bt.Bt;
import bt.metainfo.Torrent;
import bt.runtime.BtClient;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.metainfo.TorrentId;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentSessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.historian.model.CommunityId;

/** One community's torrent being seeded, and its statistics sampled once a second. */
final class BtSeed {
    private static final long SAMPLE_PERIOD_MS = 1000;
    private static final long RATE_WINDOW_MS = 5000;

    final CommunityId community;
    final InfoHash infoHash;
    final byte[] torrentFile;
    private final Clock clock;
    private final BtClient client;
    private final Runnable onChecked;
    private final Object lifecycle = new Object();
    private final ScheduledExecutorService scheduler;
    private final Deque<long[]> uploadSamples = new ArrayDeque<>();
    private volatile ScheduledFuture<?> sampling;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile String error = "";
    private volatile SeedingStats latest;
    /** Bytes read for peers since the files were checked: the bytes uploaded. */
    private final LongAdder sent = new LongAdder();

    /**
     * @param onChecked called once the files are checked and seeding begins (or failed to)
     */
    BtSeed(BtRuntime runtime, SeedFiles archiveFiles, CommunityId community, byte[] torrentFile, Torrent torrent, Clock clock,
           ScheduledExecutorService scheduler, Runnable onChecked) {
        this.community = community;
        this.onChecked = onChecked;
        this.scheduler = scheduler;
        this.infoHash = InfoHash.of(torrent.getTorrentId().getBytes());
        this.torrentFile = torrentFile;
        this.clock = clock;
        this.latest = new SeedingStats(community, infoHash, SeedingStats.State.CHECKING, "", 0, 0, 0, 0, 0,
                pieceCount(torrent), clock.instant());
        this.client = Bt.client(runtime)
                .storage(new GuardedStorage(archiveFiles, community, bytes -> {
                    if (started) {
                        sent.add(bytes);
                    }
                }))
                .torrent(() -> torrent)
                .build();
        PreviousSessionGate.startWhenEnded(runtime, torrent.getTorrentId(), scheduler, () -> stopped,
                () -> start(runtime, torrent.getTorrentId()), this::fail);
    }

    private void start(BtRuntime runtime, TorrentId torrentId) {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            startNow(runtime, torrentId);
        }
    }

    private void startNow(BtRuntime runtime, TorrentId torrentId) {
        // Bt calls listeners holding its event lock, which seed() waits for while holding the
        // engine's lock: what follows the check runs on the engine's own thread instead.
        runtime.getEventSource().onTorrentStarted(torrentId, event -> {
            started = true;
            announceChecked();
        });
        // Sampled on the engine's scheduler: Bt's startAsync(listener, period) starts a thread per torrent.
        TorrentRegistry registry = runtime.service(TorrentRegistry.class);
        sampling = scheduler.scheduleAtFixedRate(() -> registry.getDescriptor(torrentId)
                .flatMap(TorrentDescriptor::getSessionState).ifPresent(this::sample), SAMPLE_PERIOD_MS, SAMPLE_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        client.startAsync().whenComplete((ignored, failure) -> {
            if (failure != null && !stopped) {
                fail("the torrent client stopped seeding: " + BtTorrentEngine.rootMessage(failure));
            }
        });
    }

    private void fail(String message) {
        error = message;
        publish(latest.peers(), latest.uploaded(), latest.downloaded(), latest.piecesComplete());
        announceChecked();
    }

    private void announceChecked() {
        try {
            scheduler.execute(onChecked);
        } catch (RejectedExecutionException e) {
            // The engine is closing: nothing takes over any more.
        }
    }

    private static int pieceCount(Torrent torrent) {
        int count = 0;
        for (byte[] ignored : torrent.getChunkHashes()) {
            count++;
        }
        return count;
    }

    private void sample(TorrentSessionState state) {
        publish(state.getConnectedPeers().size(), Math.max(sent.sum(), state.getUploaded()), state.getDownloaded(),
                state.getPiecesComplete());
    }

    private synchronized void publish(int peers, long uploaded, long downloaded, int piecesComplete) {
        long now = clock.millis();
        uploadSamples.addLast(new long[]{now, uploaded});
        while (uploadSamples.size() > 1 && now - uploadSamples.peekFirst()[0] > RATE_WINDOW_MS) {
            uploadSamples.removeFirst();
        }
        long[] oldest = uploadSamples.peekFirst();
        long elapsed = now - oldest[0];
        long rate = elapsed > 0 ? (uploaded - oldest[1]) * 1000 / elapsed : 0;
        int total = latest.piecesTotal();
        SeedingStats.State state;
        String problem = error;
        if (stopped) {
            state = SeedingStats.State.STOPPED;
        } else if (!problem.isEmpty()) {
            state = SeedingStats.State.ERROR;
        } else if (!started) {
            state = SeedingStats.State.CHECKING;
        } else if (piecesComplete < total) {
            state = SeedingStats.State.ERROR;
            problem = (total - piecesComplete) + " of " + total + " pieces on disk do not match the torrent: the archive "
                    + "folder changed after the torrent was made. Make the torrent again.";
        } else {
            state = SeedingStats.State.SEEDING;
        }
        latest = new SeedingStats(community, infoHash, state, problem, peers, uploaded, rate, downloaded, piecesComplete, total,
                Instant.ofEpochMilli(now));
    }

    SeedingStats stats() {
        return latest;
    }

    boolean checked() {
        return started || !error.isEmpty();
    }

    /**
     * Not under this seed's monitor: Bt's client waits for its sampling callback, which publishes
     * under that monitor. The lifecycle lock only orders a late start against the stop.
     */
    void stop() {
        synchronized (lifecycle) {
            stopped = true;
        }
        ScheduledFuture<?> samples = sampling;
        if (samples != null) {
            samples.cancel(false);
        }
        try {
            client.stop();
        } finally {
            SeedingStats last = latest;
            publish(0, last.uploaded(), last.downloaded(), last.piecesComplete());
        }
    }
}
