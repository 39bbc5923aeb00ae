package org.historian.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveReader;
import org.historian.archive.ArchiveRunRequest;
import org.historian.archive.ArchiveRunResult;
import org.historian.archive.ArchiveWriter;
import org.historian.archive.CreatedArchive;
import org.historian.archive.FolderCheck;
import org.historian.archive.FolderState;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.ArchiveRunJournal;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.historian.store.LedgerEntry;
import org.historian.store.MessageRepository;

/**
 * Runs spec §5.1 for one community against the store: journals the run, writes the archives,
 * then records ledger, end date and journal together in one transaction. At start-up,
 * {@link #recoverInterruptedRuns()} completes or rolls back whatever a crash cut short.
 */
public final class ArchiveRunner {
    private final Path archiveRoot;
    private final ArchiveWriter writer;
    private final ArchiveReader reader;
    private final FolderCheck folderCheck;
    private final IndexRepair repair;
    private final Database database;
    private final CommunityRepository communities;
    private final MessageRepository messages;
    private final ArchiveInfoRepository archiveInfo;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveRunJournal journal;
    private final EventSink events;
    private final TorrentService torrents;
    private final Clock clock;
    private final ConcurrentHashMap<CommunityId, ReentrantLock> runLocks = new ConcurrentHashMap<>();

    public ArchiveRunner(Path archiveRoot, ArchiveFileSystem files, Database database, CommunityRepository communities,
                         MessageRepository messages, ArchiveInfoRepository archiveInfo, ArchiveLedgerRepository ledger,
                         ArchiveRunJournal journal, EventSink events, TorrentService torrents, Clock clock) {
        this.archiveRoot = archiveRoot;
        this.writer = new ArchiveWriter(files);
        this.reader = new ArchiveReader(files, clock);
        this.folderCheck = new FolderCheck(files);
        this.repair = new IndexRepair(files, reader);
        this.database = database;
        this.communities = communities;
        this.messages = messages;
        this.archiveInfo = archiveInfo;
        this.ledger = ledger;
        this.journal = journal;
        this.events = events;
        this.torrents = torrents;
        this.clock = clock;
    }

    public ArchiveFolder folder(CommunityId community) {
        return ArchiveFolder.of(archiveRoot, community);
    }

    /**
     * What an archive run started by hand did ({@code historian archive}).
     *
     * @param outcome empty when nothing was ever stored for the community's topics
     * @param torrent the torrent over the folder after the run, when the run created archives
     */
    public record ManualRun(Community community, long start, long end, Optional<RunOutcome> outcome,
                            Optional<TorrentService.TorrentInfo> torrent) {
    }

    /**
     * One run now, from {@code from} (default: where the last run ended, else the oldest message)
     * to {@code to} (default: now), in weekly archives.
     *
     * @throws IllegalArgumentException when the community is unknown, or the range is empty or
     *                                  starts before the last archive's end (archives never overlap)
     */
    public ManualRun archiveNow(CommunityId id, Optional<Long> from, Optional<Long> to) throws IOException, InterruptedException {
        Community target = communities.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no community " + id + "; add it first with: historian community add"));
        long end = to.orElse(clock.instant().getEpochSecond());
        Long storedEnd = archiveInfo.get(id).lastArchiveEndDate();
        long start;
        if (from.isPresent()) {
            if (storedEnd != null && from.get() < storedEnd) {
                throw new IllegalArgumentException("--from " + Format.instant(from.get()) + " is before the last archive end date "
                        + Format.instant(storedEnd) + ": that range is already archived, and archives never overlap. "
                        + "Use --from " + Format.instant(storedEnd) + " or later.");
            }
            start = from.get();
        } else {
            Optional<Long> lastEnd = lastEnd(target);
            if (lastEnd.isEmpty()) {
                return new ManualRun(target, end, end, Optional.empty(), Optional.empty());
            }
            start = lastEnd.get();
        }
        if (start > end) {
            throw new IllegalArgumentException("the range is empty: start " + Format.instant(start) + " is after end "
                    + Format.instant(end));
        }
        RunOutcome outcome = run(target, start, end, org.historian.archive.ArchiveFormat.DEFAULT_INTERVAL.toSeconds(), RunListener.NONE);
        Optional<TorrentService.TorrentInfo> torrent = outcome.createdAny() ? torrents.describe(id) : Optional.empty();
        return new ManualRun(target, start, end, Optional.of(outcome), torrent);
    }

    /**
     * A community's folder checked archive by archive ({@code historian inspect}).
     *
     * @param dataBytes the length of the data file, or -1 when it cannot be read
     * @param problems  every problem found, each naming its archive where it has one
     */
    public record FolderReport(Path folder, long dataBytes, List<InspectedArchive> archives, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** One archive of a {@link FolderReport}, with the content topics it holds (hex). */
    public record InspectedArchive(ArchiveRow row, List<String> contentTopics) {
    }

    public FolderReport inspect(CommunityId id) {
        ArchiveFolder folder = folder(id);
        List<String> problems = new ArrayList<>();
        List<InspectedArchive> archives = new ArrayList<>();
        long dataBytes = -1;
        try {
            ArchiveReader.Verification result = reader.verify(folder);
            dataBytes = result.dataLength();
            for (ArchiveReader.ArchiveCheck check : result.archives()) {
                ArchiveIndexEntry entry = check.entry();
                archives.add(new InspectedArchive(new ArchiveRow(entry.archiveId(), entry.from(), entry.to(), entry.offset(), entry.size(),
                        entry.padding(), check.messageCount()), entry.contentTopicsHex()));
                check.problems().forEach(problem -> problems.add(entry.archiveId() + ": " + problem));
            }
            problems.addAll(result.folderProblems());
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        return new FolderReport(folder.directory(), dataBytes, archives, problems);
    }

    /**
     * Where the next run starts (spec §5.2 step 3): the stored end date, else the oldest stored
     * message, else empty (nothing was ever stored).
     */
    public Optional<Long> lastEnd(Community community) {
        Long stored = archiveInfo.get(community.id()).lastArchiveEndDate();
        if (stored != null) {
            return Optional.of(stored);
        }
        var oldest = messages.oldestTimestamp(community.topics());
        return oldest.isPresent() ? Optional.of(oldest.getAsLong()) : Optional.empty();
    }

    /**
     * One run over {@code [start, end)}. Only one run per community at a time.
     *
     * @throws IllegalStateException when a run for the community is already in progress
     */
    public RunOutcome run(Community community, long start, long end, long intervalSeconds, RunListener listener)
            throws IOException {
        if (org.historian.archive.ArchiveFormat.endsInTheFuture(end, clock.instant())) {
            throw new IllegalArgumentException("the end " + org.historian.archive.ArchiveFormat.instant(end) + " is in the future "
                    + "(now is " + clock.instant() + "): a run covers only time that has passed, or messages arriving later "
                    + "would never be archived");
        }
        ArchiveRunRequest request = new ArchiveRunRequest(community.id(), community.topics(), start, end, intervalSeconds,
                community.encrypted());
        ReentrantLock lock = runLocks.computeIfAbsent(community.id(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new IllegalStateException("an archive run for " + community.id() + " is already in progress");
        }
        try {
            return runLocked(community, request, listener);
        } finally {
            lock.unlock();
        }
    }

    private RunOutcome runLocked(Community community, ArchiveRunRequest request, RunListener listener) throws IOException {
        ArchiveFolder folder = folder(community.id());
        CommunityId id = community.id();
        FolderState before;
        try {
            before = folderCheck.inspect(folder);
            FolderAudit.requireAgreement(folder, before, ledger.list(id));
        } catch (IOException e) {
            emitError(id, e);
            throw e;
        }
        long runId = journal.begin(id, request.start(), request.end(), before.dataLength(), clock.millis());
        events.emit(event(EventType.CREATING_ARCHIVES, id, request.start(), request.end(), ""));
        ArchiveRunResult result;
        try {
            result = writer.run(folder, request, messages::encodedCursor, listener);
        } catch (IOException | RuntimeException e) {
            journal.finish(runId, "failed: " + e.getMessage(), clock.millis());
            emitError(id, e);
            throw e;
        }
        long now = clock.millis();
        List<LedgerEntry> entries = result.created().stream().map(created -> toLedger(created, now)).toList();
        database.inTransaction(c -> {
            ledger.record(id, entries);
            archiveInfo.setLastArchiveEndDate(id, request.end());
            journal.finish(runId, result.created().size() + " archives", now);
            return null;
        });
        if (result.created().isEmpty()) {
            events.emit(event(EventType.NO_ARCHIVES_CREATED, id, request.start(), request.end(), droppedNote(result)));
        } else {
            makeTorrent(id);
            events.emit(event(EventType.ARCHIVES_CREATED, id, request.start(), request.end(),
                    result.created().size() + " archives, " + result.messagesArchived() + " messages" + droppedNote(result)));
        }
        return new RunOutcome(id, request.start(), request.end(), result.created(), result.messagesArchived(),
                result.messagesDropped(), result.bytesAppended());
    }

    /**
     * Rebuilds the community's index from its data and ledger ({@link IndexRepair}), then its
     * torrent. Nothing is changed unless every archive the ledger lists checks out.
     *
     * @throws IllegalStateException when a run for the community is in progress
     */
    public IndexRepair.Result repairIndex(CommunityId id) throws IOException {
        communities.find(id).orElseThrow(() -> new IllegalArgumentException("no community " + id));
        ReentrantLock lock = runLocks.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new IllegalStateException("an archive run for " + id + " is in progress; repair it when the run is over");
        }
        try {
            ArchiveFolder folder = folder(id);
            if (!journal.unfinished().stream().filter(run -> run.community().equals(id)).toList().isEmpty()) {
                throw new IllegalStateException("an interrupted run of " + id + " is not recovered yet; start Historian once first");
            }
            IndexRepair.Result result = repair.rebuild(folder, ledger.list(id), clock.millis());
            events.emit(event(EventType.RUN_RECOVERED, id, null, null, "index rebuilt from the data: " + result.archives()
                    + " archives, " + result.messages() + " messages, every one checked against the ledger"
                    + (result.previousIndex() != null ? "; the previous index is kept as " + result.previousIndex() : "")));
            makeTorrent(id);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The torrent comes last (spec §5.1 step 6). If it cannot be made now, the archives stand and
     * the torrent is made again before it is seeded.
     */
    private void makeTorrent(CommunityId community) {
        try {
            torrents.make(community);
        } catch (IOException | RuntimeException e) {
            events.emit(event(EventType.ERROR, community, null, null, "the archives were created, but their torrent could "
                    + "not be made (" + e.getMessage() + "); it will be made again before seeding"));
        }
    }

    /** A run a crash cut short, and what start-up did about it. */
    public record Recovery(CommunityId community, long start, long end, Outcome outcome, String detail) {
        public enum Outcome {
            /** The run had replaced the index: its bookkeeping was finished. */
            COMPLETED,
            /** The run had not: its appended bytes were removed; the range will be archived again. */
            ROLLED_BACK,
            /** The folder is corrupt; it was left as it is and needs the operator. */
            FAILED
        }
    }

    /**
     * Finds runs that began but never finished. If the run got as far as replacing the index, its
     * files are complete and only the bookkeeping is done now; otherwise the data it appended
     * (exactly the bytes after the length the journal recorded) is truncated away and the range
     * will be archived again (its end date was never stored). A folder that does not fit the
     * journal is reported and left alone; the other communities are still recovered.
     */
    public List<Recovery> recoverInterruptedRuns() {
        List<Recovery> recoveries = new ArrayList<>();
        for (ArchiveRunJournal.OpenRun run : journal.unfinished()) {
            recoveries.add(recover(run));
        }
        return recoveries;
    }

    private Recovery recover(ArchiveRunJournal.OpenRun run) {
        ArchiveFolder folder = folder(run.community());
        long now = clock.millis();
        try {
            FolderState state = folderCheck.inspect(folder);
            boolean stillControlled = communities.find(run.community()).isPresent();
            boolean indexCommitted = state.index().accountedLength() > run.dataLengthBefore();
            String detail;
            Recovery.Outcome outcome;
            if (indexCommitted && state.unaccountedBytes() > 0) {
                throw new org.historian.archive.CorruptArchiveFolderException("an interrupted run of " + run.community()
                        + " replaced its index, but the data has " + state.unaccountedBytes() + " bytes more than that index "
                        + "accounts for. Nothing was changed.", null);
            } else if (indexCommitted && stillControlled) {
                List<LedgerEntry> entries = new ArrayList<>();
                for (ArchiveIndexEntry entry : newerThan(state.index(), run.dataLengthBefore())) {
                    entries.add(toLedger(new CreatedArchive(entry, reader.countMessages(folder, entry)), now));
                }
                outcome = Recovery.Outcome.COMPLETED;
                detail = "completed an interrupted run of " + entries.size() + " archives over [" + run.start() + ", "
                        + run.end() + ")";
                database.inTransaction(c -> {
                    ledger.record(run.community(), entries);
                    archiveInfo.setLastArchiveEndDate(run.community(), run.end());
                    journal.finish(run.id(), detail, now);
                    return null;
                });
                makeTorrent(run.community());
            } else if (indexCommitted) {
                outcome = Recovery.Outcome.COMPLETED;
                detail = "an interrupted run over [" + run.start() + ", " + run.end() + ") had written its files; the community "
                        + "is no longer on this node, so they were left as they are";
                journal.finish(run.id(), detail, now);
            } else {
                long removed = folderCheck.rollBackRun(folder, run.dataLengthBefore());
                outcome = Recovery.Outcome.ROLLED_BACK;
                detail = "rolled back an interrupted run over [" + run.start() + ", " + run.end() + ")"
                        + (removed > 0 ? ", removing the " + removed + " bytes it had appended" : "")
                        + (stillControlled ? "; the range will be archived again" : "");
                journal.finish(run.id(), detail, now);
            }
            events.emit(event(EventType.RUN_RECOVERED, run.community(), run.start(), run.end(), detail));
            return new Recovery(run.community(), run.start(), run.end(), outcome, detail);
        } catch (IOException e) {
            journal.finish(run.id(), "interrupted; the folder needs attention: " + e.getMessage(), now);
            emitError(run.community(), e);
            return new Recovery(run.community(), run.start(), run.end(), Recovery.Outcome.FAILED, e.getMessage());
        }
    }

    private static List<ArchiveIndexEntry> newerThan(ArchiveIndex index, long offset) {
        return index.entries().stream().filter(entry -> entry.offset() >= offset).toList();
    }

    private static LedgerEntry toLedger(CreatedArchive created, long createdAt) {
        ArchiveIndexEntry entry = created.entry();
        return new LedgerEntry(entry.archiveId(), entry.from(), entry.to(), entry.offset(), entry.size(), entry.padding(),
                created.messageCount(), createdAt);
    }

    private static String droppedNote(ArchiveRunResult result) {
        return result.messagesDropped() == 0 ? ""
                : "; " + result.messagesDropped() + " messages over the 30,000,000-byte chunk cap were left out";
    }

    private void emitError(CommunityId community, Exception e) {
        events.emit(event(EventType.ERROR, community, null, null, e.getMessage()));
    }

    private HistorianEvent event(EventType type, CommunityId community, Long from, Long to, String detail) {
        return new HistorianEvent(clock.instant(), type, community, from, to, detail);
    }
}
