package org.historian.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.historian.archive.ArchiveFileSystem;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveReader;
import org.historian.archive.FolderCheck;
import org.historian.model.CommunityId;
import org.historian.model.LocalFiles;
import org.historian.torrent.InfoHash;
import org.historian.torrent.PieceHashCache;
import org.historian.torrent.PieceHasher;
import org.historian.torrent.TorrentMaker;

/**
 * A mirror's folders: the live one it seeds ({@code archivedata/0x<id>}) and the staging one a new
 * torrent is fetched into ({@code archivedata-incoming/0x<id>}), how the staging folder is
 * prepared, what a fetched folder must pass, and how it moves in.
 */
final class MirrorFolders {
    private final Path archiveRoot;
    private final Path stagingRoot;
    private final ArchiveReader reader;
    private final FolderCheck folderCheck;
    private final Clock clock;

    MirrorFolders(Path archiveRoot, ArchiveFileSystem files, Clock clock) {
        this.archiveRoot = archiveRoot;
        this.stagingRoot = archiveRoot.resolveSibling(archiveRoot.getFileName() + "-incoming");
        this.reader = new ArchiveReader(files, clock);
        this.folderCheck = new FolderCheck(files);
        this.clock = clock;
    }

    Path stagingRoot() {
        return stagingRoot;
    }

    ArchiveFolder live(CommunityId id) {
        return ArchiveFolder.of(archiveRoot, id);
    }

    ArchiveFolder staged(CommunityId id) {
        return ArchiveFolder.of(stagingRoot, id);
    }

    /**
     * Prepares the staging folder: a copy of the data held (the data file only grows, so the new
     * torrent's pieces of these archives are already there) and no index.
     *
     * @return the IDs of the archives held, which the fetch does not ask for again
     */
    Set<String> stage(ArchiveFolder live, ArchiveFolder staged) throws IOException {
        if (Files.exists(staged.directory())) {
            LocalFiles.deleteRecursively(staged.directory());
        }
        LocalFiles.ensurePrivateDirectory(stagingRoot);
        LocalFiles.ensurePrivateDirectory(staged.directory());
        Set<String> held = new HashSet<>();
        if (Files.exists(live.data()) && Files.exists(live.index())) {
            try {
                ArchiveIndex index = folderCheck.readIndex(live);
                folderCheck.requireConsistent(live);
                index.entries().forEach(entry -> held.add(entry.archiveId()));
                Files.copy(live.data(), staged.data(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                held.clear(); // a damaged folder held: everything is fetched again
                Files.deleteIfExists(staged.data());
            }
        }
        return held;
    }

    /** What is wrong with a fetched folder, or null: it must verify and make exactly the torrent of the link. */
    String check(ArchiveFolder staged, InfoHash expected) {
        try {
            folderCheck.requireConsistent(staged);
            ArchiveReader.Verification verification = reader.verify(staged);
            if (!verification.ok()) {
                return verification.archives().stream().filter(archive -> !archive.ok())
                        .map(archive -> "archive " + archive.entry().archiveId() + ": " + String.join("; ", archive.problems()))
                        .findFirst().orElse(String.join("; ", verification.folderProblems()));
            }
            InfoHash made = TorrentMaker.make(staged.community(), new PieceHasher(PieceHashCache.NONE).hash(staged.community(),
                    staged.directory()), List.of(), "mirror", clock.instant()).infoHash();
            if (!made.equals(expected)) {
                return "its files make the torrent " + made.hex() + ", not " + expected.hex() + " of the link";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }

    /** Moves a checked folder in over the live one (data first: the index never names bytes the data lacks). */
    void moveIn(ArchiveFolder staged, ArchiveFolder live) throws IOException {
        LocalFiles.ensurePrivateDirectory(live.directory());
        Files.move(staged.data(), live.data(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staged.index(), live.index(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LocalFiles.deleteRecursively(staged.directory());
    }

    /** The archives the live folder holds, oldest first; none when it has no index (or the index cannot be read). */
    List<ArchiveRow> held(CommunityId id) {
        ArchiveFolder live = live(id);
        if (!Files.exists(live.index())) {
            return List.of();
        }
        try {
            return folderCheck.readIndex(live).entries().stream().sorted(java.util.Comparator.comparingLong(ArchiveIndexEntry::from))
                    .map(ArchiveFetcher::row).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
