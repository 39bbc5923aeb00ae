package org.historian.torrent;

import java.util.List;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;

/**
 * A finished fetch.
 *
 * @param downloaded      archives completed by this fetch, in completion order
 * @param bytesDownloaded piece bytes received from peers
 */
public record FetchResult(InfoHash infoHash, ArchiveIndex index, List<ArchiveIndexEntry> downloaded, long bytesDownloaded) {
    public FetchResult {
        downloaded = List.copyOf(downloaded);
    }
}
