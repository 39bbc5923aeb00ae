package org.historian.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.historian.archive.DiskFileSystem;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.store.ArchiveInfoRepository;
import org.historian.store.CommunityRepository;
import org.historian.store.MirrorRepository;

/** The communities this node mirrors, for the command line and the window: added, listed, what each holds. */
public final class Mirrors {
    /**
     * One mirrored community.
     *
     * @param link       the newest link accepted (the owner's), or null before the first
     * @param linkSentAt when the owner sent it, or null
     * @param polledAt   the last read of the store node, or null
     * @param held       the archives the mirror holds and seeds, oldest first
     */
    public record MirrorSummary(Community community, String link, long clock, Instant linkSentAt, Instant polledAt,
                                List<ArchiveRow> held) {
    }

    private final CommunityRepository communities;
    private final MirrorRepository mirrors;
    private final ArchiveInfoRepository archiveInfo;
    private final MirrorFolders folders;
    private final Clock clock;

    public Mirrors(CommunityRepository communities, MirrorRepository mirrors, ArchiveInfoRepository archiveInfo, Path archiveRoot,
                   Clock clock) {
        this.communities = communities;
        this.mirrors = mirrors;
        this.archiveInfo = archiveInfo;
        this.folders = new MirrorFolders(archiveRoot, new DiskFileSystem(), clock);
        this.clock = clock;
    }

    /**
     * Records a community to mirror; the service follows it from its next start (or at once, when
     * added through the service).
     *
     * @throws IllegalStateException when this node has the community already
     */
    public void add(Community community) {
        communities.add(community);
        mirrors.add(community.id(), clock.instant().getEpochSecond());
    }

    public boolean isMirror(CommunityId id) {
        return mirrors.isMirror(id);
    }

    public List<MirrorSummary> list() {
        List<MirrorSummary> list = new ArrayList<>();
        Map<CommunityId, MirrorRepository.Mirror> all = mirrors.all();
        for (Community community : communities.list()) {
            MirrorRepository.Mirror mirror = all.get(community.id());
            if (mirror == null) {
                continue;
            }
            var info = archiveInfo.get(community.id());
            list.add(new MirrorSummary(community, info.lastMagnetUri(), info.magnetClock(),
                    mirror.linkSentAt() == null ? null : Instant.ofEpochSecond(mirror.linkSentAt()),
                    mirror.polledAt() == null ? null : Instant.ofEpochSecond(mirror.polledAt()), held(community.id())));
        }
        return list;
    }

    /** The archives in the mirror's folder, oldest first; empty when it holds none (or the index cannot be read). */
    public List<ArchiveRow> held(CommunityId id) {
        return folders.held(id);
    }
}
