package org.historian.torrent;

import java.util.List;

/**
 * A finished fetch.
 *
 * @param downloaded      ranges completed by this fetch, in completion order
 * @param bytesDownloaded piece bytes received from peers
 */
public record FetchResult(InfoHash infoHash, List<PieceRange> downloaded, long bytesDownloaded) {
    public FetchResult {
        downloaded = List.copyOf(downloaded);
    }
}
