package org.historian.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveFormat;
import org.historian.archive.FolderCheck;
import org.historian.model.CommunityId;
import org.historian.store.PieceHashRepository;
import org.historian.torrent.InfoHash;
import org.historian.torrent.MadeTorrent;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.PieceHashCache;
import org.historian.torrent.PieceHasher;
import org.historian.torrent.TorrentMaker;
import org.historian.torrent.TorrentMetadata;
import org.historian.torrent.UnsafeTorrentException;

/**
 * Each community's .torrent ({@code torrents/0x<id>.torrent}): made after every run that created
 * archives (the last step of a run), hashing only what was appended, and made again whenever it
 * no longer describes the folder (a crash between the index and the torrent, say). A torrent is
 * only ever made over a folder whose index and data agree; over any other, the last good torrent
 * stays as it is and the folder is neither seeded nor its link published.
 */
public final class TorrentService {
    private final Path archiveRoot;
    private final Path torrentRoot;
    private final ArchiveFileSystem files;
    private final PieceHasher hasher;
    private final FolderCheck folderCheck;
    private final HistorianSettings settings;
    private final NodeIdentity identity;
    private final Clock clock;

    public TorrentService(Path archiveRoot, Path torrentRoot, ArchiveFileSystem files, PieceHashRepository pieceHashes,
                          HistorianSettings settings, NodeIdentity identity, Clock clock) {
        this.archiveRoot = archiveRoot;
        this.torrentRoot = torrentRoot;
        this.files = files;
        this.hasher = new PieceHasher(cacheOf(pieceHashes));
        this.folderCheck = new FolderCheck(files);
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    /** A community's torrent file as it is on disk. */
    public record CommunityTorrent(byte[] bytes, InfoHash infoHash, MagnetLink magnet, boolean remade) {
    }

    /**
     * A community's torrent as the command line and the window show it.
     *
     * @param remade made again now, because it no longer matched the folder or the settings
     */
    public record TorrentInfo(String magnetLink, String infoHash, Path torrentFile, boolean remade) {
    }

    /** The community's current torrent (made again first when stale); empty when it has no archives yet. */
    public Optional<TorrentInfo> describe(CommunityId community) throws IOException {
        return current(community).map(torrent -> new TorrentInfo(torrent.magnet().format(), torrent.infoHash().hex(),
                torrentFile(community), torrent.remade()));
    }

    /**
     * Seeds the community's current torrent (made again first when stale): the one step that the
     * archive service and {@code historian seed} share. Empty when it has no archives yet.
     *
     * @throws UnsafeTorrentException when the torrent is not one the engine seeds
     */
    Optional<CommunityTorrent> seedCurrent(org.historian.torrent.TorrentEngine engine, CommunityId community)
            throws IOException, UnsafeTorrentException {
        Optional<CommunityTorrent> torrent = current(community);
        if (torrent.isPresent()) {
            engine.seed(community, torrent.get().bytes());
        }
        return torrent;
    }

    Path archiveRoot() {
        return archiveRoot;
    }

    public Path torrentFile(CommunityId community) {
        return torrentRoot.resolve(community.hex() + ".torrent");
    }

    /**
     * Makes the torrent over the community's folder and writes it (temp file, fsync, rename).
     *
     * @throws org.historian.archive.CorruptArchiveFolderException when index and data do not agree
     */
    public MadeTorrent make(CommunityId community) throws IOException {
        ArchiveFolder folder = ArchiveFolder.of(archiveRoot, community);
        folderCheck.requireConsistent(folder);
        MadeTorrent made = TorrentMaker.make(community, hasher.hash(community, folder.directory()), settings.torrentSettings().trackers(),
                identity.publicKeyHex(), clock.instant());
        Path target = torrentFile(community);
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        files.createPrivateDirectories(torrentRoot);
        try (ArchiveFileSystem.OutputFile out = files.create(temp)) {
            out.write(made.bytes(), 0, made.bytes().length);
            out.sync();
        }
        files.atomicReplace(temp, target);
        return made;
    }

    /**
     * The community's torrent, made again first when it is missing, no longer matches the folder,
     * or names other trackers than the settings; empty when the community has no archives yet.
     *
     * @throws org.historian.archive.CorruptArchiveFolderException when index and data do not agree
     */
    public Optional<CommunityTorrent> current(CommunityId community) throws IOException {
        ArchiveFolder folder = ArchiveFolder.of(archiveRoot, community);
        if (!Files.exists(folder.data()) || (Files.size(folder.data()) == 0 && !Files.exists(folder.index()))) {
            return Optional.empty();
        }
        folderCheck.requireConsistent(folder);
        Path file = torrentFile(community);
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            try {
                TorrentMetadata metadata = TorrentMetadata.parse(bytes);
                if (describes(metadata, folder) && metadata.trackers().equals(settings.torrentSettings().trackers())) {
                    return Optional.of(new CommunityTorrent(bytes, metadata.infoHash(), metadata.magnet(), false));
                }
            } catch (UnsafeTorrentException e) {
                // Unreadable: made again below.
            }
        }
        MadeTorrent made = make(community);
        return Optional.of(new CommunityTorrent(made.bytes(), made.infoHash(), made.magnet(), true));
    }

    /**
     * Whether the torrent still describes the folder: the same file lengths (data only grows) and
     * the same hashes for the index's pieces (the index is replaced by every run).
     */
    private static boolean describes(TorrentMetadata metadata, ArchiveFolder folder) throws IOException {
        var layoutFiles = metadata.layout().files();
        if (layoutFiles.size() != 2 || layoutFiles.get(0).length() != Files.size(folder.data())
                || layoutFiles.get(1).length() != Files.size(folder.index())) {
            return false;
        }
        long dataLength = layoutFiles.get(0).length();
        if (dataLength % ArchiveFormat.PIECE_LENGTH != 0) {
            return false;
        }
        byte[] indexHashes = PieceHasher.hashPieces(Files.readAllBytes(folder.index()));
        int dataHashBytes = (int) (dataLength / ArchiveFormat.PIECE_LENGTH) * 20;
        byte[] pieces = metadata.pieces();
        return pieces.length == dataHashBytes + indexHashes.length
                && Arrays.equals(Arrays.copyOfRange(pieces, dataHashBytes, pieces.length), indexHashes);
    }

    private static PieceHashCache cacheOf(PieceHashRepository repository) {
        return new PieceHashCache() {
            @Override
            public Optional<Entry> load(CommunityId community) {
                return repository.load(community).map(hashes -> new Entry(hashes.dataLength(), hashes.hashes()));
            }

            @Override
            public void save(CommunityId community, Entry entry) {
                repository.save(community, new PieceHashRepository.Hashes(entry.dataLength(), entry.hashes()));
            }
        };
    }
}
