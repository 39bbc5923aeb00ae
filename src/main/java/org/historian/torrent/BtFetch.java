package org.historian.torrent;

import bt.Bt;
import bt.BtClientBuilder;
import bt.data.Bitfield;
import bt.magnet.MagnetUri;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.InetPeerAddress;
import bt.peer.IPeerRegistry;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.historian.model.FolderLayout;
import org.historian.model.LocalFiles;

/**
 * One member-side fetch (spec §6): metadata from peers (timed out and retried), then only the
 * {@code index}, then the pieces of the archives not held yet, oldest first, with progress per
 * archive, a stall timeout and cancellation. Pieces already on disk are found by Bt's check at
 * start and are not fetched again.
 */
final class BtFetch implements FetchHandle {
    private static final int PIECE = FolderLayout.PIECE_LENGTH;
    /** Seconds between retries of the known peers: just over Bt's ban of an unreachable peer. */
    private static final int PEER_RETRY_TICKS = 6;

    private final BtRuntime runtime;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final FetchRequest request;
    private final boolean trackersEnabled;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
    private final WantedPiecesSelector selector = new WantedPiecesSelector();
    private final Path folder;

    private volatile BtClient client;
    private volatile TorrentId torrentId;
    private volatile boolean metadataReceived;
    private volatile long attemptStartedAt;
    private volatile long lastProgressAt;
    private final AtomicInteger peersConnected = new AtomicInteger();
    private int attempts;
    private long ticks;
    private ScheduledFuture<?> watchdog;

    // Guarded by this.
    private long dataLength;
    private boolean planned;
    private final Map<PieceRange, Long> progress = new LinkedHashMap<>();
    private final List<PieceRange> downloaded = new ArrayList<>();

    BtFetch(BtRuntime runtime, ScheduledExecutorService scheduler, Clock clock, FetchRequest request, boolean trackersEnabled) {
        this.runtime = runtime;
        this.scheduler = scheduler;
        this.clock = clock;
        this.request = request;
        this.trackersEnabled = trackersEnabled;
        this.folder = request.archiveRoot().resolve(request.community().hex());
    }

    void start() {
        try {
            LocalFiles.ensurePrivateDirectory(folder);
            lastProgressAt = clock.millis();
            if (request.torrentFile() != null) {
                TorrentMetadata metadata = TorrentMetadata.parse(request.torrentFile());
                metadata.validate(request.community());
                Torrent torrent = BtTorrentEngine.toBtTorrent(runtime, request.torrentFile(), trackersEnabled);
                torrentId = torrent.getTorrentId();
                onMetadata(torrent);
                startClient(builder().torrent(() -> torrent));
            } else {
                torrentId = TorrentId.fromBytes(request.magnet().infoHash().bytes());
                startMagnetAttempt();
            }
            watchdog = scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        } catch (UnsafeTorrentException e) {
            fail(FetchException.Reason.UNSAFE, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            fail(FetchException.Reason.FAILED, "the fetch could not start: " + e.getMessage(), e);
        }
    }

    private BtClientBuilder builder() {
        return Bt.client(runtime)
                .storage(new GuardedStorage(request.archiveRoot(), request.community()))
                // Both files stay selected (Bt cannot un-skip a file later); the selector asks for
                // the index first and for the wanted archives once the index has named them.
                .selector(selector);
    }

    private void startMagnetAttempt() {
        attempts++;
        attemptStartedAt = clock.millis();
        MagnetLink link = trackersEnabled ? request.magnet() : request.magnet().withoutTrackers();
        MagnetUri.Builder magnet = MagnetUri.torrentId(torrentId);
        if (link.displayName() != null) {
            magnet.name(link.displayName());
        }
        link.trackers().forEach(magnet::tracker);
        link.peers().forEach(peer -> magnet.peer(new InetPeerAddress(peer.host(), peer.port())));
        request.peers().forEach(peer -> magnet.peer(new InetPeerAddress(peer.host(), peer.port())));
        startClient(builder().magnet(magnet.buildUri()).afterTorrentFetched(this::onMetadata));
    }

    private void startClient(BtClientBuilder builder) {
        PreviousSessionGate.startWhenEnded(runtime, torrentId, scheduler, result::isDone, () -> startNow(builder),
                message -> fail(FetchException.Reason.FAILED, message, null));
    }

    private void startNow(BtClientBuilder builder) {
        BtClient started = builder.build();
        client = started;
        runtime.getEventSource()
                .onTorrentStarted(torrentId, event -> {
                    addKnownPeers();
                    update();
                })
                .onPeerConnected(torrentId, event -> peersConnected.incrementAndGet())
                .onPieceVerified(torrentId, event -> {
                    lastProgressAt = clock.millis();
                    update();
                });
        started.startAsync().whenComplete((ignored, failure) -> {
            if (failure != null && client == started) {
                fail(FetchException.Reason.FAILED, "the torrent client failed: " + BtTorrentEngine.rootMessage(failure), failure);
            }
        });
    }

    /**
     * Tells Bt about the peers the request names. Bt ignores peers of a torrent that has not
     * started, and does not retry a failed connection by itself, so this runs at start and then
     * every few seconds until the fetch ends.
     */
    private void addKnownPeers() {
        IPeerRegistry registry = runtime.service(IPeerRegistry.class);
        List<MagnetLink.PeerAddress> peers = new ArrayList<>(request.peers());
        if (request.magnet() != null) {
            peers.addAll(request.magnet().peers());
        }
        for (MagnetLink.PeerAddress peer : peers) {
            try {
                registry.addPeer(torrentId, InetPeer.build(new InetPeerAddress(peer.host(), peer.port())));
            } catch (RuntimeException e) {
                // An unresolvable host: the other peers may still answer, and the stall timeout reports it.
            }
        }
    }

    private void onMetadata(Torrent torrent) {
        try {
            long[] lengths = BtTorrentEngine.layoutOf(torrent).validate(request.community());
            synchronized (this) {
                dataLength = lengths[0];
            }
            if (dataLength % PIECE != 0) {
                throw new UnsafeTorrentException("torrent data is " + dataLength + " bytes, not a whole number of pieces, "
                        + "so its archives are not laid out as community archives are");
            }
            int firstIndexPiece = (int) (dataLength / PIECE);
            int pieces = (int) ((dataLength + lengths[1] + PIECE - 1) / PIECE);
            selector.want(java.util.stream.IntStream.range(firstIndexPiece, pieces).toArray());
            metadataReceived = true;
            lastProgressAt = clock.millis();
            request.listener().metadataReceived(InfoHash.of(torrent.getTorrentId().getBytes()), BtTorrentEngine.layoutOf(torrent));
        } catch (UnsafeTorrentException e) {
            fail(FetchException.Reason.UNSAFE, e.getMessage(), e);
        }
    }

    /** Runs every second: timeouts, and progress in case an event was missed. */
    private void watch() {
        if (result.isDone()) {
            return;
        }
        long now = clock.millis();
        if (!metadataReceived && now - attemptStartedAt > request.metadataTimeout().toMillis()) {
            stopClient();
            if (attempts < request.metadataAttempts()) {
                startMagnetAttempt();
            } else {
                int connected = peersConnected.get();
                String seen = connected == 0 ? "no peer could be reached"
                        : connected + (connected == 1 ? " connection to a peer" : " connections to peers") + ", none sent it";
                fail(FetchException.Reason.METADATA_TIMEOUT, "no peer sent the torrent's metadata within "
                        + request.metadataTimeout().toSeconds() + " s (" + attempts + " attempts): " + seen
                        + ". Check that the owner is seeding and that this node can reach a peer (trackers, DHT or a peer address).",
                        null);
            }
            return;
        }
        if (++ticks % PEER_RETRY_TICKS == 0) {
            addKnownPeers();
        }
        if (metadataReceived && now - lastProgressAt > request.stallTimeout().toMillis()) {
            fail(FetchException.Reason.STALLED, "the download stalled: no piece arrived for " + request.stallTimeout().toSeconds()
                    + " s. Archives completed so far are kept; fetch again to continue.", null);
            return;
        }
        update();
    }

    /** Reads Bt's verified pieces: the index when it is complete, then each wanted range. */
    private synchronized void update() {
        if (result.isDone() || !metadataReceived) {
            return;
        }
        Optional<Bitfield> bitfield = verifiedPieces();
        if (bitfield.isEmpty()) {
            return;
        }
        try {
            if (!planned && !planWhenIndexIsComplete(bitfield.get())) {
                return;
            }
            for (Map.Entry<PieceRange, Long> entry : progress.entrySet()) {
                PieceRange range = entry.getKey();
                if (downloaded.contains(range)) {
                    continue;
                }
                long done = countVerified(bitfield.get(), range.firstPiece(), range.pieceCount());
                if (done != entry.getValue()) {
                    entry.setValue(done);
                    request.listener().rangeProgress(range, done);
                }
                if (done == range.pieceCount()) {
                    downloaded.add(range);
                    request.listener().rangeDownloaded(range);
                }
            }
            if (downloaded.size() == progress.size()) {
                finish();
            }
        } catch (UnsafeTorrentException e) {
            fail(FetchException.Reason.UNSAFE, e.getMessage(), e);
        } catch (RuntimeException e) {
            fail(FetchException.Reason.FAILED, e.getMessage(), e);
        }
    }

    /** Once the index is complete, the plan names the data pieces to fetch; the selector asks for those. */
    private boolean planWhenIndexIsComplete(Bitfield bitfield) throws UnsafeTorrentException {
        int firstIndexPiece = (int) (dataLength / PIECE);
        int indexPieces = bitfield.getPiecesTotal() - firstIndexPiece;
        if (countVerified(bitfield, firstIndexPiece, indexPieces) < indexPieces) {
            return false;
        }
        List<PieceRange> wanted = request.plan().plan(folder.resolve(FolderLayout.INDEX), dataLength);
        long dataPieces = dataLength / PIECE;
        for (PieceRange range : wanted) {
            if (range.firstPiece() + range.pieceCount() > dataPieces) {
                throw new UnsafeTorrentException("the index names pieces up to " + (range.firstPiece() + range.pieceCount())
                        + ", but the torrent's data has only " + dataPieces);
            }
        }
        planned = true;
        lastProgressAt = clock.millis();
        wanted.forEach(range -> progress.put(range, -1L));
        request.listener().indexReceived(wanted);
        selector.want(wanted.stream()
                .flatMapToInt(range -> java.util.stream.IntStream.range((int) range.firstPiece(),
                        (int) (range.firstPiece() + range.pieceCount())))
                .toArray());
        return true;
    }

    private Optional<Bitfield> verifiedPieces() {
        return runtime.service(TorrentRegistry.class).getDescriptor(torrentId)
                .map(TorrentDescriptor::getDataDescriptor)
                .map(descriptor -> (Bitfield) descriptor.getBitfield());
    }

    private static long countVerified(Bitfield bitfield, long first, long count) {
        long verified = 0;
        for (long piece = first; piece < first + count; piece++) {
            if (bitfield.isVerified((int) piece)) {
                verified++;
            }
        }
        return verified;
    }

    private void finish() {
        long bytes = runtime.service(TorrentRegistry.class).getDescriptor(torrentId)
                .flatMap(TorrentDescriptor::getSessionState)
                .map(state -> state.getDownloaded())
                .orElse(0L);
        end();
        result.complete(new FetchResult(InfoHash.of(torrentId.getBytes()), downloaded, bytes));
    }

    private void fail(FetchException.Reason reason, String message, Throwable cause) {
        if (result.isDone()) {
            return;
        }
        end();
        result.completeExceptionally(new FetchException(reason, message, cause));
    }

    /**
     * Stops the client on the scheduler's thread: this may run inside a Bt callback, and
     * stopping a client from its own callback could wait on itself.
     */
    private void end() {
        cancelWatchdog();
        scheduler.execute(this::stopClient);
    }

    private void stopClient() {
        BtClient current = client;
        client = null;
        if (current != null) {
            try {
                current.stop();
            } catch (RuntimeException e) {
                // Stopping a client that failed to start; nothing more to release.
            }
        }
    }

    private void cancelWatchdog() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    @Override
    public CompletableFuture<FetchResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        fail(FetchException.Reason.CANCELLED, "the fetch was cancelled; archives completed so far are kept", null);
    }
}
