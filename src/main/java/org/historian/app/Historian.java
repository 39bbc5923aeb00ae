package org.historian.app;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveReader;
import org.historian.archive.DiskFileSystem;
import org.historian.service.ArchiveRunner;
import org.historian.service.CommunityOverview;
import org.historian.service.EventLog;
import org.historian.service.MessageImporter;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.ArchiveRunJournal;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.historian.store.EventLogRepository;
import org.historian.store.MessageRepository;

/** The composition root: every long-lived part of the app, wired by constructor. */
public final class Historian {
    private final DataDirectory dataDirectory;
    private final Clock clock;
    private final Database database;
    private final CommunityRepository communities;
    private final MessageRepository messages;
    private final ArchiveInfoRepository archiveInfo;
    private final ArchiveLedgerRepository ledger;
    private final EventLogRepository eventLogRepository;
    private final EventLog events;
    private final ArchiveFileSystem files;
    private final ArchiveRunner runner;
    private final ArchiveReader reader;
    private final MessageImporter importer;
    private final CommunityOverview overview;
    private final List<ArchiveRunner.Recovery> recoveries;

    private Historian(DataDirectory dataDirectory, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.database = Database.open(dataDirectory.database());
        this.communities = new CommunityRepository(database, clock);
        this.messages = new MessageRepository(database);
        this.archiveInfo = new ArchiveInfoRepository(database);
        this.ledger = new ArchiveLedgerRepository(database);
        this.eventLogRepository = new EventLogRepository(database);
        this.events = new EventLog(eventLogRepository);
        this.files = new DiskFileSystem();
        this.runner = new ArchiveRunner(dataDirectory.archiveRoot(), files, database, communities, messages, archiveInfo,
                ledger, new ArchiveRunJournal(database), events, clock);
        this.reader = new ArchiveReader(files);
        this.importer = new MessageImporter(messages);
        this.overview = new CommunityOverview(communities, ledger, archiveInfo);
        this.recoveries = runner.recoverInterruptedRuns();
    }

    /** Opens the data directory (creating it), migrates the database and recovers interrupted runs. */
    public static Historian open(DataDirectory dataDirectory, Clock clock) throws IOException {
        return new Historian(dataDirectory.prepare(), clock);
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public Clock clock() {
        return clock;
    }

    public CommunityRepository communities() {
        return communities;
    }

    public MessageRepository messages() {
        return messages;
    }

    public ArchiveInfoRepository archiveInfo() {
        return archiveInfo;
    }

    public ArchiveLedgerRepository ledger() {
        return ledger;
    }

    public EventLogRepository eventLogRepository() {
        return eventLogRepository;
    }

    public EventLog events() {
        return events;
    }

    public ArchiveRunner runner() {
        return runner;
    }

    public ArchiveReader reader() {
        return reader;
    }

    public MessageImporter importer() {
        return importer;
    }

    public CommunityOverview overview() {
        return overview;
    }

    /** Interrupted runs found while opening: completed, rolled back, or failed (already in the event log). */
    public List<ArchiveRunner.Recovery> recoveries() {
        return recoveries;
    }
}
