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
import org.historian.torrent.PiecePlan;
import org.historian.torrent.PieceRange;
import org.historian.torrent.UnsafeTorrentException;
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
     * @param infoHash        the torrent fetched, 40 hex digits
     * @param downloaded      archives completed by this fetch, in completion order
     * @param bytesDownloaded piece bytes received from peers
     * @param importFailures  archives that downloaded but whose messages could not be read
     * @param adopted         the fetched history became this node's own archive history
     * @param notAdopted      why a community this node controls did not take the fetched history as
     *                        its own (an archive that fails verification); empty otherwise
     */
    public record Outcome(String infoHash, List<ArchiveRow> downloaded, long bytesDownloaded, long messagesImported,
                          List<String> importFailures, boolean adopted, String notAdopted) {
        public Outcome {
            downloaded = List.copyOf(downloaded);
            importFailures = List.copyOf(importFailures);
        }
    }

    /** What to fetch: a magnet link or a .torrent file, and optionally peers to contact; checked when made. */
    public static final class Source {
        /** The largest .torrent file read; a community's torrent is a few kilobytes. */
        public static final int MAX_TORRENT_FILE_BYTES = org.historian.torrent.TorrentMetadata.MAX_TORRENT_BYTES;

        private final MagnetLink magnet;
        private final byte[] torrentFile;
        private final List<MagnetLink.PeerAddress> peers;

        private Source(MagnetLink magnet, byte[] torrentFile, List<MagnetLink.PeerAddress> peers) {
            this.magnet = magnet;
            this.torrentFile = torrentFile;
            this.peers = List.copyOf(peers);
        }

        /**
         * @param peers {@code host:port} of seeders to contact besides trackers and the DHT
         * @throws IllegalArgumentException naming what is wrong with the link or a peer
         */
        public static Source ofMagnet(String magnetLink, List<String> peers) {
            return new Source(MagnetLink.parse(magnetLink), null, parsePeers(peers));
        }

        public static Source ofTorrentFile(byte[] torrentFile, List<String> peers) {
            return new Source(null, torrentFile.clone(), parsePeers(peers));
        }

        /**
         * The same source with these seeders to contact ({@code host:port}) besides the link's own.
         *
         * @throws IllegalArgumentException naming a peer that is not {@code host:port}
         */
        public Source withPeers(List<String> more) {
            List<MagnetLink.PeerAddress> all = new ArrayList<>(peers);
            all.addAll(parsePeers(more));
            return new Source(magnet, torrentFile, all);
        }

        /** Whether the text is a magnet link this node can fetch (for a form checking as typed). */
        public static void checkMagnet(String magnetLink) {
            MagnetLink.parse(magnetLink);
        }

        /** The community a magnet link names in its display name, if it names one. */
        public static java.util.Optional<String> communityOf(String magnetLink) {
            return java.util.Optional.ofNullable(MagnetLink.parse(magnetLink).displayName());
        }

        /** Checks one {@code host:port}. */
        public static void checkPeer(String peer) {
            MagnetLink.parsePeer(peer);
        }

        private static List<MagnetLink.PeerAddress> parsePeers(List<String> peers) {
            return peers.stream().map(MagnetLink::parsePeer).toList();
        }
    }

    /**
     * Fetches and imports; blocks until done. {@code onStarted} receives the job, which may be
     * cancelled from another thread (a Ctrl-C handler, a Cancel button).
     *
     * @throws IllegalStateException when this node archives the community itself: a fetched
     *                               torrent would overwrite its own archives
     */
    public Outcome fetch(CommunityId community, Source source, Duration stallTimeout, FetchProgress progress,
                         java.util.function.Consumer<FetchJob> onStarted) throws FetchFailedException, InterruptedException {
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
        java.util.Map<String, ArchiveIndexEntry> planned = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger indexSize = new java.util.concurrent.atomic.AtomicInteger();
        FetchListener recorder = new FetchListener() {
            @Override
            public void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
                progress.metadataReceived(infoHash.hex(), layout.files().get(0).length(), layout.files().get(1).length());
            }

            @Override
            public void indexReceived(List<PieceRange> wanted) {
                progress.indexReceived(indexSize.get(), wanted.stream().map(range -> row(planned.get(range.name()))).toList());
            }

            @Override
            public void rangeProgress(PieceRange range, long piecesDone) {
                progress.archiveProgress(row(planned.get(range.name())), piecesDone, range.pieceCount());
            }

            @Override
            public void rangeDownloaded(PieceRange range) {
                ArchiveIndexEntry archive = planned.get(range.name());
                downloads.recordDownloaded(community, archive.archiveId(), archive.from(), archive.to(), clock.millis());
                events.emit(HistorianEvent.ranged(clock.instant(), EventType.ARCHIVE_DOWNLOADED, community, archive.from(),
                        archive.to()));
                importer.execute(() -> importArchive(folder, archive, imported, failures));
                progress.archiveDownloaded(row(archive));
            }
        };
        PiecePlan plan = (index, dataLength) -> {
            ArchiveIndex read = readIndex(index, dataLength);
            indexSize.set(read.entries().size());
            return plan(read, downloads.downloaded(community), planned);
        };
        FetchRequest request = (source.magnet != null
                ? FetchRequest.ofMagnet(community, source.magnet, archiveRoot, plan, stallTimeout, recorder)
                : FetchRequest.ofTorrent(community, source.torrentFile, archiveRoot, plan, stallTimeout, recorder))
                .withPeers(source.peers);
        FetchHandle handle = engine.fetch(request);
        onStarted.accept(handle::cancel);
        FetchResult result;
        try {
            result = handle.result().get();
        } catch (ExecutionException e) {
            FetchFailedException failure = e.getCause() instanceof FetchException f
                    ? new FetchFailedException(FetchFailedException.Reason.valueOf(f.reason().name()), f.getMessage(), f)
                    : new FetchFailedException(FetchFailedException.Reason.FAILED, e.getCause().getMessage(), e.getCause());
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, community).withDetail("fetch failed: " + failure.getMessage()));
            throw failure;
        } finally {
            importer.shutdown();
            importer.awaitTermination(1, TimeUnit.HOURS);
        }
        String notAdopted = adoptIfControlled(community, folder);
        events.emit(HistorianEvent.of(clock.instant(), EventType.DOWNLOADING_FINISHED, community)
                .withDetail(result.downloaded().size() + " archives, " + imported.get() + " messages imported"));
        boolean adopted = notAdopted == null;
        if (notAdopted == null || notAdopted.isEmpty()) {
            notAdopted = "";
        } else {
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, community).withDetail(notAdopted));
        }
        List<ArchiveRow> downloaded = result.downloaded().stream().map(range -> row(planned.get(range.name()))).toList();
        return new Outcome(result.infoHash().hex(), downloaded, result.bytesDownloaded(), imported.get(), failures, adopted, notAdopted);
    }

    /**
     * The member's rule (spec §6 steps 3 and 4): of the archives the downloaded index lists, those
     * not recorded as downloaded before, oldest first, each as the range of data pieces it takes.
     */
    static List<PieceRange> plan(ArchiveIndex index, java.util.Set<String> alreadyDownloaded,
                                 java.util.Map<String, ArchiveIndexEntry> planned) {
        List<PieceRange> wanted = new ArrayList<>();
        index.entries().stream()
                .filter(entry -> !alreadyDownloaded.contains(entry.archiveId()))
                .sorted(java.util.Comparator.comparingLong(ArchiveIndexEntry::from).thenComparingLong(ArchiveIndexEntry::offset))
                .forEach(entry -> {
                    planned.put(entry.archiveId(), entry);
                    wanted.add(new PieceRange(entry.archiveId(), entry.firstPiece(), entry.pieceCount()));
                });
        return wanted;
    }

    /** Reads a downloaded index, refusing one that describes more than the torrent's data. */
    static ArchiveIndex readIndex(java.nio.file.Path indexFile, long dataLength) throws UnsafeTorrentException {
        ArchiveIndex index;
        try {
            index = ArchiveIndex.read(new org.historian.archive.DiskFileSystem(), indexFile);
        } catch (IOException e) {
            throw new UnsafeTorrentException("the torrent's index is not a valid archive index: " + e.getMessage(), e);
        }
        if (index.accountedLength() > dataLength) {
            throw new UnsafeTorrentException("the index describes " + index.accountedLength()
                    + " bytes of archives, but the torrent's data is only " + dataLength + " bytes");
        }
        return index;
    }

    static ArchiveRow row(ArchiveIndexEntry entry) {
        return new ArchiveRow(entry.archiveId(), entry.from(), entry.to(), entry.offset(), entry.size(), entry.padding(), -1);
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
    private String adoptIfControlled(CommunityId community, ArchiveFolder folder) {
        if (communities.find(community).isEmpty()) {
            return "";
        }
        ArchiveReader.Verification verification;
        try {
            ArchiveIndex index = reader.readIndex(folder);
            if (index.isEmpty()) {
                return "";
            }
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
