package org.historian.torrent;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEMap;
import bt.dht.DHTConfig;
import bt.dht.DHTModule;
import bt.metainfo.IMetadataService;
import bt.metainfo.Torrent;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.tracker.http.HttpTrackerModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.historian.model.LocalFiles;
import org.historian.model.CommunityId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TorrentEngine} on the Bt library: one Bt runtime for the whole app. Local service
 * discovery and port mapping are never enabled; the DHT and trackers only when the settings say
 * so; the socket listens on the configured address only.
 */
public final class BtTorrentEngine implements TorrentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BtTorrentEngine.class);

    private final Path archiveRoot;
    /** The seeds' files, one cache of open files for all: at most this many descriptors, however many seed. */
    private final SeedFiles seedFiles;
    private static final int MAX_OPEN_SEED_FILES = 512;
    private final Path scratchDirectory;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<CommunityId, BtSeed> seeds = new ConcurrentHashMap<>();
    private final Map<CommunityId, BtSeed> replacing = new ConcurrentHashMap<>();
    private final List<BtFetch> fetches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private BtRuntime runtime;
    private TorrentSettings settings;
    private volatile EngineStatus status = EngineStatus.stopped();

    /**
     * @param archiveRoot where community folders are; the DHT's scratch folder goes beside it
     *                    ({@code torrent-scratch})
     */
    public BtTorrentEngine(Path archiveRoot, Clock clock) {
        this.archiveRoot = archiveRoot;
        this.seedFiles = new SeedFiles(archiveRoot, MAX_OPEN_SEED_FILES);
        this.scratchDirectory = archiveRoot.toAbsolutePath().getParent().resolve("torrent-scratch");
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "torrent-engine");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized EngineStatus start(TorrentSettings newSettings) {
        Map<CommunityId, byte[]> reseed = new LinkedHashMap<>();
        seeds.forEach((community, seed) -> reseed.put(community, seed.torrentFile));
        stopRuntime();
        settings = newSettings;
        try {
            InetAddress address = InetAddress.getByName(newSettings.listenAddress());
            ListenPort.Choice port = ListenPort.choose(address, newSettings.port());
            // The DHT library opens its own UDP socket on every interface: it runs only when the
            // client listens on every interface anyway, so nothing listens beyond the setting.
            boolean dht = newSettings.dhtEnabled() && address.isAnyLocalAddress();
            String message = port.problem();
            if (newSettings.dhtEnabled() && !dht) {
                message = (message.isEmpty() ? "" : message + " ") + "The DHT is off because the client listens on "
                        + newSettings.listenAddress() + " only.";
            }
            runtime = startRuntime(newSettings, address, port.port(), dht);
            status = new EngineStatus(EngineStatus.State.RUNNING, newSettings.listenAddress(), port.port(), message);
            if (!message.isEmpty()) {
                LOG.warn(message);
            }
        } catch (IOException | RuntimeException e) {
            runtime = null;
            status = new EngineStatus(EngineStatus.State.ERROR, newSettings.listenAddress(), 0,
                    "the torrent client could not start: " + rootMessage(e));
            LOG.error(status.message(), e);
            return status;
        }
        reseed.forEach((community, torrentFile) -> {
            try {
                seed(community, torrentFile);
            } catch (UnsafeTorrentException e) {
                LOG.error("cannot seed {} again: {}", community, e.getMessage());
            }
        });
        return status;
    }

    /**
     * Builds and starts Bt. The DHT library keeps its routing-table cache in a directory it makes
     * with Guava's createTempDir under java.io.tmpdir, world-readable and never removed; while it
     * starts, java.io.tmpdir points at a private folder of the data directory, emptied each time.
     */
    private BtRuntime startRuntime(TorrentSettings newSettings, InetAddress address, int port, boolean dht) throws IOException {
        if (!dht) {
            BtRuntime started = buildRuntime(address, port, false, newSettings.encryption());
            started.startup();
            return started;
        }
        emptyDirectory(scratchDirectory);
        LocalFiles.ensurePrivateDirectory(scratchDirectory);
        synchronized (System.class) {
            String tmpdir = System.getProperty("java.io.tmpdir");
            System.setProperty("java.io.tmpdir", scratchDirectory.toString());
            try {
                BtRuntime started = buildRuntime(address, port, true, newSettings.encryption());
                started.startup();
                return started;
            } finally {
                System.setProperty("java.io.tmpdir", tmpdir);
            }
        }
    }

    private static void emptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).toList()) {
                Files.delete(path);
            }
        }
    }

    private BtRuntime buildRuntime(InetAddress address, int port, boolean dht, TorrentSettings.Encryption encryption) {
        Config config = new Config();
        config.setAcceptorAddress(address);
        config.setAcceptorPort(port);
        config.setMetadataExchangeMaxSize(TorrentMetadata.MAX_TORRENT_BYTES);
        // Bt bans a peer for a minute when an assignment times out. An archive torrent has few
        // peers, and a fetch switches from the index to the archives, which can time out one empty
        // assignment; a minute without the only seeder would stall the fetch.
        config.setTimeoutedAssignmentPeerBanDuration(java.time.Duration.ofSeconds(2));
        // Bt skips a peer whose connection failed for 30 minutes. The owner named in a magnet link
        // may simply not be up yet; the fetch retries its known peers every few seconds instead.
        config.setUnreachablePeerBanDuration(java.time.Duration.ofSeconds(5));
        // Bt's encryption handshake (MSE) sleeps a whole second whenever the other side's bytes
        // are not there yet, so every connection took 2-3 s to open and a slow machine could
        // spend the metadata timeout on handshakes. Polling every 10 ms opens them at once.
        config.setMseWaitBetweenReads(java.time.Duration.ofMillis(10));
        config.setEncryptionPolicy(switch (encryption) {
            case PREFER_PLAINTEXT -> bt.protocol.crypto.EncryptionPolicy.PREFER_PLAINTEXT;
            case PREFER_ENCRYPTED -> bt.protocol.crypto.EncryptionPolicy.PREFER_ENCRYPTED;
            case REQUIRE_ENCRYPTED -> bt.protocol.crypto.EncryptionPolicy.REQUIRE_ENCRYPTED;
        });
        // Bt waits 30 s for a connection and 30 s more for its handshake, and meanwhile tries that
        // peer no other way: one stuck attempt used up most of the 20 s metadata timeout and its
        // retry. 10 s is plenty for a live peer; the fetch's own retries do the rest.
        config.setPeerConnectionTimeout(java.time.Duration.ofSeconds(10));
        config.setPeerHandshakeTimeout(java.time.Duration.ofSeconds(10));
        var builder = BtRuntime.builder(config)
                .disableAutomaticShutdown()
                .disableLocalServiceDiscovery()
                .module(new LoopRegisteringSelector.Module())
                .module(new PeerHandshakes.Module())
                .module(new EarlyChokeState.Module())
                .module(new HandshakesWithMetadata.Module())
                .module(new SharedSeedWatch.Module())
                .module(new HttpTrackerModule());
        if (dht) {
            DHTConfig dhtConfig = new DHTConfig();
            dhtConfig.setListeningPort(port);
            dhtConfig.setShouldUseIPv6(false);
            builder.module(new DHTModule(dhtConfig));
        }
        return builder.build();
    }

    @Override
    public EngineStatus status() {
        return status;
    }

    @Override
    public synchronized void seed(CommunityId community, byte[] torrentFile) throws UnsafeTorrentException {
        TorrentMetadata metadata = TorrentMetadata.parse(torrentFile);
        metadata.validate(community);
        if (runtime == null) {
            throw new IllegalStateException("the torrent client is not running: " + status.message());
        }
        BtSeed current = seeds.get(community);
        if (current != null && current.infoHash.equals(metadata.infoHash())) {
            return;
        }
        Torrent torrent = toBtTorrent(runtime, torrentFile, settings.trackersEnabled());
        BtSeed previousReplacement = replacing.remove(community);
        if (previousReplacement != null) {
            previousReplacement.stop();
        }
        // The old torrent keeps its peers until the new one is checked and takes over.
        BtSeed[] created = new BtSeed[1];
        created[0] = new BtSeed(runtime, seedFiles, community, torrentFile, torrent, clock, scheduler, () -> takeOver(community, created[0]));
        if (current == null) {
            seeds.put(community, created[0]);
        } else {
            replacing.put(community, created[0]);
            if (created[0].checked()) {
                takeOver(community, created[0]);
            }
        }
    }

    private synchronized void takeOver(CommunityId community, BtSeed replacement) {
        if (replacement == null || replacing.get(community) != replacement) {
            return;
        }
        replacing.remove(community);
        BtSeed old = seeds.put(community, replacement);
        if (old != null && old != replacement) {
            old.stop();
        }
    }

    @Override
    public synchronized void unseed(CommunityId community) {
        BtSeed pending = replacing.remove(community);
        if (pending != null) {
            pending.stop();
        }
        BtSeed seed = seeds.remove(community);
        if (seed != null) {
            seed.stop();
        }
    }

    @Override
    public Optional<SeedingStats> stats(CommunityId community) {
        return Optional.ofNullable(seeds.get(community)).map(BtSeed::stats);
    }

    @Override
    public Map<CommunityId, SeedingStats> allStats() {
        Map<CommunityId, SeedingStats> all = new HashMap<>();
        seeds.forEach((community, seed) -> all.put(community, seed.stats()));
        return all;
    }

    @Override
    public synchronized FetchHandle fetch(FetchRequest request) {
        if (runtime == null) {
            throw new IllegalStateException("the torrent client is not running: " + status.message());
        }
        BtFetch fetch = new BtFetch(runtime, scheduler, clock, request, settings.trackersEnabled());
        fetches.add(fetch);
        fetch.result().whenComplete((ignored, failure) -> fetches.remove(fetch));
        fetch.start();
        return fetch;
    }

    @Override
    public synchronized void stop() {
        stopRuntime();
    }

    @Override
    public synchronized void close() {
        stopRuntime();
        scheduler.shutdownNow();
    }

    private void stopRuntime() {
        fetches.forEach(BtFetch::cancel);
        replacing.values().forEach(BtSeed::stop);
        replacing.clear();
        seeds.values().forEach(BtSeed::stop);
        seeds.clear();
        if (runtime != null) {
            runtime.shutdown();
            runtime = null;
        }
        status = EngineStatus.stopped();
    }

    /**
     * Bt's view of a torrent file. Without trackers, Bt gets only the info dictionary, byte for
     * byte (the info-hash is unchanged), so it announces to nobody.
     */
    static Torrent toBtTorrent(BtRuntime runtime, byte[] torrentFile, boolean trackersEnabled) {
        byte[] forBt = trackersEnabled ? torrentFile : infoOnly(torrentFile);
        return runtime.service(IMetadataService.class).fromByteArray(forBt);
    }

    private static byte[] infoOnly(byte[] torrentFile) {
        try (BEParser parser = new BEParser(torrentFile)) {
            BEMap info = (BEMap) parser.readMap().getValue().get("info");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("d4:info".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(info.getContent());
            out.write('e');
            return out.toByteArray();
        }
    }

    /** The layout a Bt torrent declares, for the same checks a .torrent file gets. */
    static TorrentLayout layoutOf(Torrent torrent) {
        long pieces = 0;
        for (byte[] ignored : torrent.getChunkHashes()) {
            pieces++;
        }
        List<TorrentLayout.FileEntry> files = torrent.getFiles().stream()
                .map(file -> new TorrentLayout.FileEntry(file.getPathElements(), file.getSize()))
                .toList();
        return new TorrentLayout(torrent.getName(), torrent.getChunkSize(), files, pieces);
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
