package org.historian.app;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveReader;
import org.historian.archive.DiskFileSystem;
import org.historian.service.ArchiveFetcher;
import org.historian.service.ArchiveRunner;
import org.historian.service.ArchiveLinks;
import org.historian.service.ArchiveService;
import org.historian.service.DemoService;
import org.historian.service.PublicationVerifier;
import org.historian.service.SeedingSession;
import org.historian.service.StoreNodes;
import org.historian.service.StoreSync;
import org.historian.service.TorrentClient;
import org.historian.service.KeyVault;
import org.historian.service.WakuMagnetPublisher;
import org.historian.store.CommunityKeyRepository;
import org.historian.waku.RandomBytes;
import org.historian.service.TaskScheduler;
import org.historian.service.CommunityAdmin;
import org.historian.service.CommunityOverview;
import org.historian.service.EmbeddedMessageSource;
import org.historian.service.MessageExporter;
import org.historian.service.MessageSync;
import org.historian.service.Mirrors;
import org.historian.service.EventLog;
import org.historian.service.HistorianSettings;
import org.historian.service.MessageImporter;
import org.historian.service.NodeIdentity;
import org.historian.service.TorrentService;
import org.historian.service.ViewPreferences;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.ArchiveRunJournal;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.store.EventLogRepository;
import org.historian.store.MessageRepository;
import org.historian.store.MirrorRepository;
import org.historian.store.PieceHashRepository;
import org.historian.store.SettingsRepository;
import org.historian.store.SyncStagingRepository;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.TorrentEngine;
import org.historian.waku.MessageSource;

/**
 * The composition root: every long-lived part of the app, wired by constructor. The torrent
 * engine is created on first use, so commands that do not need it never open a socket.
 */
public final class Historian implements AutoCloseable {
    /** Mirrors fetching at once; more wait their turn, none holds a thread that runs archives. */
    private static final int NETWORK_THREADS = 4;
    /** Checks, syncs and publishes under way at once, for every community; apart from the mirrors' fetches. */
    private static final int CALL_THREADS = 8;
    private final DataDirectory dataDirectory;
    private final Clock clock;
    private final Database database;
    private final CommunityRepository communities;
    private final MessageRepository messages;
    private final ArchiveInfoRepository archiveInfo;
    private final ArchiveLedgerRepository ledger;
    private final DownloadedArchiveRepository downloads;
    private final EventLogRepository eventLogRepository;
    private final EventLog events;
    private final HistorianSettings settings;
    private final ArchiveReader reader;
    private final TorrentService torrents;
    private final ArchiveRunner runner;
    private final MessageImporter importer;
    private final CommunityOverview overview;
    private final List<ArchiveRunner.Recovery> recoveries;
    private final EmbeddedMessageSource embeddedSource;
    private final MessageSync messageSync;
    private final CommunityAdmin admin;
    private final MessageExporter exporter;
    private final ViewPreferences viewPreferences;
    private final DataDirectoryLock lock;
    private final NodeIdentity nodeIdentity;
    private final KeyVault keys;
    private final MirrorRepository mirrors;
    private final Mirrors mirrorList;
    /** The store nodes' clients, kept for the life of this Historian and shared by the service, sync and verification. */
    private final StoreNodes storeNodes;
    /** The Waku nodes' publish clients, one per node for the service and the publish command alike. */
    private final WakuMagnetPublisher.Clients publishClients = WakuMagnetPublisher.defaultClients();
    private TorrentEngine engine;
    private java.util.concurrent.ExecutorService network;
    private java.util.concurrent.ExecutorService calls;

    private Historian(DataDirectory dataDirectory, DataDirectoryLock lock, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.clock = clock;
        this.database = Database.open(dataDirectory.database());
        this.communities = new CommunityRepository(database, clock);
        this.messages = new MessageRepository(database);
        this.archiveInfo = new ArchiveInfoRepository(database);
        this.ledger = new ArchiveLedgerRepository(database);
        this.downloads = new DownloadedArchiveRepository(database);
        this.eventLogRepository = new EventLogRepository(database);
        this.events = new EventLog(eventLogRepository);
        SettingsRepository settingsRepository = new SettingsRepository(database);
        this.settings = new HistorianSettings(settingsRepository);
        this.storeNodes = StoreNodes.of(settings);
        this.nodeIdentity = NodeIdentity.loadOrCreate(settingsRepository);
        this.keys = new KeyVault(new CommunityKeyRepository(database), clock);
        this.mirrors = new MirrorRepository(database);
        this.viewPreferences = new ViewPreferences(settingsRepository);
        ArchiveFileSystem files = new DiskFileSystem();
        this.reader = new ArchiveReader(files, clock);
        this.torrents = new TorrentService(dataDirectory.archiveRoot(), dataDirectory.torrentRoot(), files,
                new PieceHashRepository(database), settings, nodeIdentity, clock);
        this.runner = new ArchiveRunner(dataDirectory.archiveRoot(), files, database, communities, messages, archiveInfo,
                ledger, new ArchiveRunJournal(database), events, torrents, clock);
        this.importer = new MessageImporter(messages);
        this.mirrorList = new Mirrors(communities, mirrors, archiveInfo, dataDirectory.archiveRoot(), clock);
        this.overview = new CommunityOverview(communities, ledger, archiveInfo, messages, eventLogRepository, mirrorList);
        this.embeddedSource = new EmbeddedMessageSource(messages);
        SyncStagingRepository staging = new SyncStagingRepository(database);
        staging.discardAll();
        this.messageSync = new MessageSync(messages, staging, clock);
        this.admin = new CommunityAdmin(communities, messages, new PieceHashRepository(database), downloads,
                dataDirectory.archiveRoot(), torrents);
        this.exporter = new MessageExporter(messages, dataDirectory.root());
        this.recoveries = runner.recoverInterruptedRuns();
    }

    /**
     * Opens the data directory (creating it, and locking it against a second instance), migrates
     * the database and recovers interrupted runs.
     */
    public static Historian open(DataDirectory dataDirectory, Clock clock) throws IOException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory.prepare().root());
        try {
            return new Historian(dataDirectory, lock, clock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    /**
     * The repositories under the service, for tests that set a node's state up directly. Commands
     * and the window never use them: ArchitectureTest fails the build if one does.
     */
    public record Stores(CommunityRepository communities, MessageRepository messages, ArchiveInfoRepository archiveInfo,
                         ArchiveLedgerRepository ledger, EventLogRepository events) {
    }

    public Stores stores() {
        return new Stores(communities, messages, archiveInfo, ledger, eventLogRepository);
    }

    public Clock clock() {
        return clock;
    }

    public EventLog events() {
        return events;
    }

    public HistorianSettings settings() {
        return settings;
    }

    public ArchiveRunner runner() {
        return runner;
    }

    public TorrentService torrents() {
        return torrents;
    }

    public MessageImporter importer() {
        return importer;
    }

    public CommunityOverview overview() {
        return overview;
    }

    public ViewPreferences viewPreferences() {
        return viewPreferences;
    }

    public CommunityAdmin admin() {
        return admin;
    }

    public MessageExporter exporter() {
        return exporter;
    }

    /** The communities this node mirrors. */
    public Mirrors mirrors() {
        return mirrorList;
    }

    /** The community keys of this data directory. */
    public KeyVault keys() {
        return keys;
    }

    /** Where missed messages come from: the configured store node, else the local store. */
    private MessageSource messageSource() {
        return storeNodes.messageSource(embeddedSource);
    }

    /** The torrent engine, created (not started) on first use. */
    private synchronized TorrentEngine torrentEngine() {
        if (engine == null) {
            engine = new BtTorrentEngine(dataDirectory.archiveRoot(), clock);
        }
        return engine;
    }

    /**
     * Where a mirror waits on the network (reading the store node, fetching a torrent): never the
     * threads that run archives.
     */
    private synchronized java.util.concurrent.Executor network() {
        if (network == null) {
            network = daemonPool(NETWORK_THREADS, "network-");
        }
        return network;
    }

    /** Where the service's checks, syncs and publishes wait, each with its deadline. */
    private synchronized java.util.concurrent.Executor calls() {
        if (calls == null) {
            calls = daemonPool(CALL_THREADS, "network-call-");
        }
        return calls;
    }

    private static java.util.concurrent.ExecutorService daemonPool(int threads, String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The torrent client for a command that seeds or fetches on its own; it opens no socket until started. */
    public TorrentClient torrentClient() {
        return new TorrentClient(torrentEngine(), settings);
    }

    /** Seeding without archiving or publishing, on {@link #torrentClient()}. */
    public SeedingSession seedingSession() {
        return new SeedingSession(torrents, torrentClient(), communities, events, clock);
    }

    /** Missed messages from a store node, on request. */
    public StoreSync storeSync() {
        return new StoreSync(communities, messageSync, storeNodes, clock);
    }

    /** Publishing a link on request, through the node of the settings or of the command. */
    public ArchiveLinks archiveLinks() {
        return new ArchiveLinks(torrents, magnetPublisher(), archiveInfo, settings, clock);
    }

    /**
     * The archive service on the given scheduler, with this node's engine, sources and publisher;
     * importing or unlocking keys publishes the current links at once.
     */
    public ArchiveService archiveService(TaskScheduler scheduler) {
        ArchiveService service = new ArchiveService(new ArchiveService.Parts(communities, archiveInfo, ledger, runner, torrents,
                torrentEngine(), messageSync, this::messageSource, magnetPublisher(), admin, settings, events, scheduler, clock,
                mirrors, network(), calls(), storeNodes));
        keys.onChange(service::publishNow);
        return service;
    }

    /** Demo communities for the window: added and removed through the service, new messages arriving now and then. */
    public DemoService demoService(ArchiveService service) {
        return new DemoService(service, messages, clock);
    }

    /** Magnet links to the Waku node of the settings, signed with the vault's keys; recorded only when publishing is off. */
    private WakuMagnetPublisher magnetPublisher() {
        return new WakuMagnetPublisher(settings, keys, nodeIdentity, communities::find, events, clock,
                publishClients, RandomBytes.secure());
    }

    /** Reads a node's store as a member would, to say whether members accept the published link. */
    public PublicationVerifier publicationVerifier() {
        return new PublicationVerifier(communities, archiveInfo, id -> torrents.current(id)
                .map(TorrentService.CommunityTorrent::infoHash), storeNodes);
    }

    public ArchiveFetcher fetcher() {
        return new ArchiveFetcher(dataDirectory.archiveRoot(), torrentEngine(), reader, database, communities, messages, downloads,
                ledger, archiveInfo, events, clock);
    }

    /** Interrupted runs found while opening: completed, rolled back, or failed (already in the event log). */
    public List<ArchiveRunner.Recovery> recoveries() {
        return recoveries;
    }

    private static void stop(java.util.concurrent.ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        // A poll or a sync between its network wait and its write to the store finishes first: the store closes after.
        stop(network);
        network = null;
        stop(calls);
        calls = null;
        if (engine != null) {
            engine.close();
            engine = null;
        }
        try {
            database.close();
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // The process ends soon or opens the directory again; the system releases the lock.
            }
        }
    }
}
