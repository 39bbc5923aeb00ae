package org.historian.archive;

import java.nio.file.Path;
import org.historian.model.CommunityId;

/** Where one community's archives live: {@code <archiveRoot>/0x<id>/data} and {@code .../index}. */
public record ArchiveFolder(CommunityId community, Path directory) {

    public static ArchiveFolder of(Path archiveRoot, CommunityId community) {
        return new ArchiveFolder(community, archiveRoot.resolve(community.hex()));
    }

    public Path data() {
        return directory.resolve(org.historian.model.FolderLayout.DATA);
    }

    public Path index() {
        return directory.resolve(org.historian.model.FolderLayout.INDEX);
    }

    /** The next index is written here, then renamed over {@link #index()}. */
    public Path indexInProgress() {
        return directory.resolve(".index.tmp");
    }
}
