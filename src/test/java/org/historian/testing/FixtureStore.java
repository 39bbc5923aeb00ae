package org.historian.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.DiskFileSystem;
import org.historian.model.HistorianEvent;
import org.historian.service.ArchiveRunner;
import org.historian.service.EventLog;
import org.historian.service.HistorianSettings;
import org.historian.service.NodeIdentity;
import org.historian.service.TorrentService;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.ArchiveRunJournal;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.historian.store.EventLogRepository;
import org.historian.store.MessageRepository;
import org.historian.store.PieceHashRepository;
import org.historian.store.SettingsRepository;

/** A real SQLite store in a temporary directory with the runner wired to it, as the app wires it. */
public final class FixtureStore {
    public final Path root;
    public final Database database;
    public final CommunityRepository communities;
    public final MessageRepository messages;
    public final ArchiveInfoRepository archiveInfo;
    public final ArchiveLedgerRepository ledger;
    public final ArchiveRunJournal journal;
    public final EventLogRepository eventLog;
    public final EventLog events;
    public final List<HistorianEvent> emitted = new ArrayList<>();
    public final ArchiveRunner runner;
    public final TorrentService torrents;
    public final Clock clock;

    public FixtureStore(Path root) {
        this(root, new DiskFileSystem());
    }

    public FixtureStore(Path root, ArchiveFileSystem files) {
        this(root, files, Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC));
    }

    public FixtureStore(Path root, ArchiveFileSystem files, Clock clock) {
        this.root = root;
        this.clock = clock;
        this.database = Database.open(root.resolve("historian.db"));
        this.communities = new CommunityRepository(database, clock);
        this.messages = new MessageRepository(database);
        this.archiveInfo = new ArchiveInfoRepository(database);
        this.ledger = new ArchiveLedgerRepository(database);
        this.journal = new ArchiveRunJournal(database);
        this.eventLog = new EventLogRepository(database);
        this.events = new EventLog(eventLog);
        this.events.addListener(emitted::add);
        SettingsRepository settings = new SettingsRepository(database);
        this.torrents = new TorrentService(archiveRoot(), root.resolve("torrents"), files, new PieceHashRepository(database),
                new HistorianSettings(settings), NodeIdentity.loadOrCreate(settings), clock);
        this.runner = new ArchiveRunner(archiveRoot(), files, database, communities, messages, archiveInfo, ledger, journal,
                events, torrents, clock);
    }

    public Path archiveRoot() {
        return root.resolve("archivedata");
    }
}
