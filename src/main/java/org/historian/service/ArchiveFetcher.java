package org.historian.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveMessages;
import org.historian.archive.ArchiveReader;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.model.StoredMessage;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.ArchiveLedgerRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.Database;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.store.LedgerEntry;
import org.historian.store.MessageRepository;
import org.historian.torrent.FetchException;
import org.historian.torrent.FetchHandle;
import org.historian.torrent.FetchListener;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.FetchResult;
import org.historian.torrent.InfoHash;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentEngine;
import org.historian.torrent.TorrentLayout;

/**
 * The member side (spec §6): fetches a community's archives from seeders, records each as it
 * completes, and imports its messages into the store. A corrupt archive is reported once and
 * skipped, never retried forever, and never stops the others (spec §10 item 8).
 */
public final class ArchiveFetcher {
    private static final int IMPORT_BATCH = 5_000;

    private final Path archiveRoot;
    private final TorrentEngine engine;
    private final ArchiveReader reader;
    private final Database database;
    private final CommunityRepository communities;
    private final MessageRepository messages;
    private final DownloadedArchiveRepository downloads;
    private final ArchiveLedgerRepository ledger;
    private final ArchiveInfoRepository archiveInfo;
    private final EventSink events;
    private final Clock clock;

    public ArchiveFetcher(Path archiveRoot, TorrentEngine engine, ArchiveReader reader, Database database,
                          CommunityRepository communities, MessageRepository messages, DownloadedArchiveRepository downloads,
                          ArchiveLedgerRepository ledger, ArchiveInfoRepository archiveInfo, EventSink events, Clock clock) {
        this.archiveRoot = archiveRoot;
        this.engine = engine;
        this.reader = reader;
        this.database = database;
        this.communities = communities;
        this.messages = messages;
        this.downloads = downloads;
        this.ledger = ledger;
        this.archiveInfo = archiveInfo;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param importFailures archives that downloaded but whose messages could not be read
     * @param adopted        the fetched history became this node's own archive history
     * @param notAdopted     why a community this node controls did not take the fetched history as
     *                       its own (an archive that fails verification); empty otherwise
     */
    public record Outcome(FetchResult result, long messagesImported, List<String> importFailures, boolean adopted,
                          String notAdopted) {
        public Outcome {
            importFailures = List.copyOf(importFailures);
        }
    }

    /** What to fetch: a magnet link or a .torrent file, and optionally peers to contact. */
    public record Source(MagnetLink magnet, byte[] torrentFile, List<MagnetLink.PeerAddress> peers) {
        public Source {
            peers = List.copyOf(peers);
        }
    }

    /**
     * Fetches and imports; blocks until done. {@code cancel} may be run from another thread (a
     * Ctrl-C handler) once {@code onStarted} has handed over the handle.
     *
     * @throws IllegalStateException when this node archives the community itself: a fetched
     *                               torrent would overwrite its own archives
     */
    public Outcome fetch(CommunityId community, Source source, Duration stallTimeout, FetchListener progress,
                         java.util.function.Consumer<FetchHandle> onStarted) throws FetchException, InterruptedException {
        java.util.Set<String> fetched = downloads.downloaded(community);
        long own = ledger.list(community).stream().filter(entry -> !fetched.contains(entry.archiveId())).count();
        if (own > 0) {
            throw new IllegalStateException("this node archives " + community + " itself (" + own + " archives of its own); "
                    + "a fetched torrent would overwrite its index, so the fetch was refused");
        }
        ArchiveFolder folder = ArchiveFolder.of(archiveRoot, community);
        events.emit(HistorianEvent.of(clock.instant(), EventType.DOWNLOADING_STARTED, community));
        ExecutorService importer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "archive-import " + community.shortForm());
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong imported = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        FetchListener recorder = new FetchListener() {
            @Override
            public void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
                progress.metadataReceived(infoHash, layout);
            }

            @Override
            public void indexReceived(ArchiveIndex index, List<ArchiveIndexEntry> wanted) {
                progress.indexReceived(index, wanted);
            }

            @Override
            public void archiveProgress(ArchiveIndexEntry archive, long piecesDone, long piecesTotal) {
                progress.archiveProgress(archive, piecesDone, piecesTotal);
            }

            @Override
            public void archiveDownloaded(ArchiveIndexEntry archive) {
                downloads.recordDownloaded(community, archive.archiveId(), archive.from(), archive.to(), clock.millis());
                events.emit(HistorianEvent.ranged(clock.instant(), EventType.ARCHIVE_DOWNLOADED, community, archive.from(),
                        archive.to()));
                importer.execute(() -> importArchive(folder, archive, imported, failures));
                progress.archiveDownloaded(archive);
            }
        };
        FetchRequest request = (source.magnet() != null
                ? FetchRequest.ofMagnet(community, source.magnet(), archiveRoot, downloads.downloaded(community), stallTimeout, recorder)
                : FetchRequest.ofTorrent(community, source.torrentFile(), archiveRoot, downloads.downloaded(community), stallTimeout,
                recorder)).withPeers(source.peers());
        FetchHandle handle = engine.fetch(request);
        onStarted.accept(handle);
        FetchResult result;
        try {
            result = handle.result().get();
        } catch (ExecutionException e) {
            FetchException failure = e.getCause() instanceof FetchException f ? f
                    : new FetchException(FetchException.Reason.FAILED, e.getCause().getMessage(), e.getCause());
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, community).withDetail("fetch failed: " + failure.getMessage()));
            throw failure;
        } finally {
            importer.shutdown();
            importer.awaitTermination(1, TimeUnit.HOURS);
        }
        String notAdopted = adoptIfControlled(community, folder, result.index());
        events.emit(HistorianEvent.of(clock.instant(), EventType.DOWNLOADING_FINISHED, community)
                .withDetail(result.downloaded().size() + " archives, " + imported.get() + " messages imported"));
        boolean adopted = notAdopted == null;
        if (notAdopted == null || notAdopted.isEmpty()) {
            notAdopted = "";
        } else {
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, community).withDetail(notAdopted));
        }
        return new Outcome(result, imported.get(), failures, adopted, notAdopted);
    }

    private void importArchive(ArchiveFolder folder, ArchiveIndexEntry archive, AtomicLong imported, List<String> failures) {
        CommunityId community = folder.community();
        events.emit(HistorianEvent.ranged(clock.instant(), EventType.IMPORTING_MESSAGES, community, archive.from(), archive.to()));
        List<StoredMessage> batch = new ArrayList<>(IMPORT_BATCH);
        try (ArchiveMessages cursor = reader.messages(folder, archive)) {
            StoredMessage message;
            while ((message = cursor.next()) != null) {
                batch.add(message);
                if (batch.size() == IMPORT_BATCH) {
                    imported.addAndGet(messages.insert(batch).inserted());
                    batch.clear();
                }
            }
            imported.addAndGet(messages.insert(batch).inserted());
            downloads.markImported(community, archive.archiveId());
        } catch (IOException | RuntimeException e) {
            failures.add(archive.archiveId() + ": " + e.getMessage());
            events.emit(HistorianEvent.ranged(clock.instant(), EventType.ERROR, community, archive.from(), archive.to())
                    .withDetail("archive " + archive.archiveId() + " downloaded but its messages could not be imported: "
                            + e.getMessage()));
        }
    }

    /**
     * A community this node controls but has not archived itself takes the fetched history as
     * its own: the ledger and end date follow the index, so the next run appends to it. Only a
     * history whose every archive verifies (parses, matches its entry and ID, zero padding, no end
     * in the future) is adopted; otherwise nothing of this node's own records changes.
     *
     * @return null when adopted, empty when there was nothing to adopt, else why not
     */
    private String adoptIfControlled(CommunityId community, ArchiveFolder folder, ArchiveIndex index) {
        if (communities.find(community).isEmpty() || index == null || index.isEmpty()) {
            return "";
        }
        ArchiveReader.Verification verification;
        try {
            verification = reader.verify(folder, index);
        } catch (IOException e) {
            return "the fetched history was not adopted as this node's own: its folder cannot be read (" + e.getMessage() + ")";
        }
        if (!verification.ok()) {
            String problem = verification.archives().stream().filter(check -> !check.ok())
                    .map(check -> "archive " + check.entry().archiveId() + " fails verification: " + String.join("; ", check.problems()))
                    .findFirst().orElse(String.join("; ", verification.folderProblems()));
            return "the fetched history was not adopted as this node's own, and nothing of this node's records changed: " + problem;
        }
        List<LedgerEntry> entries = new ArrayList<>();
        long lastEnd = 0;
        long now = clock.millis();
        for (ArchiveReader.ArchiveCheck check : verification.archives()) {
            ArchiveIndexEntry entry = check.entry();
            entries.add(new LedgerEntry(entry.archiveId(), entry.from(), entry.to(), entry.offset(), entry.size(), entry.padding(),
                    check.messageCount(), now));
            lastEnd = Math.max(lastEnd, entry.to());
        }
        long end = lastEnd;
        database.inTransaction(c -> {
            ledger.record(community, entries);
            Long stored = archiveInfo.get(community).lastArchiveEndDate();
            if (stored == null || stored < end) {
                archiveInfo.setLastArchiveEndDate(community, end);
            }
            return null;
        });
        return null;
    }
}
