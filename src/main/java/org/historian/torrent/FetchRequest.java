package org.historian.torrent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.historian.model.CommunityId;

/**
 * Member side (spec §6): fetch a community's torrent from peers, the index first, then only the
 * archives not held yet, oldest first.
 *
 * @param magnet            the link to fetch, or null when {@code torrentFile} is given
 * @param torrentFile       the .torrent bytes, or null when {@code magnet} is given
 * @param archiveRoot       the folder that holds {@code 0x<id>/data} and {@code 0x<id>/index}
 * @param plan              names the data pieces to fetch once the index has arrived
 * @param metadataTimeout   how long to wait for the info dictionary from peers (each attempt)
 * @param metadataAttempts  attempts at fetching the info dictionary (spec: 20 s, retried once)
 * @param stallTimeout      give up when no piece arrives for this long
 * @param peers             peers to contact besides those trackers, the DHT and the link name
 */
public record FetchRequest(CommunityId community, MagnetLink magnet, byte[] torrentFile, Path archiveRoot,
                           PiecePlan plan, Duration metadataTimeout, int metadataAttempts,
                           Duration stallTimeout, List<MagnetLink.PeerAddress> peers, FetchListener listener) {
    public static final Duration METADATA_TIMEOUT = Duration.ofSeconds(20);

    public FetchRequest {
        Objects.requireNonNull(community, "community");
        if ((magnet == null) == (torrentFile == null)) {
            throw new IllegalArgumentException("give either a magnet link or a .torrent file");
        }
        Objects.requireNonNull(plan, "plan");
        peers = List.copyOf(peers);
        listener = listener == null ? FetchListener.NONE : listener;
    }

    public static FetchRequest ofMagnet(CommunityId community, MagnetLink magnet, Path archiveRoot, PiecePlan plan,
                                        Duration stallTimeout, FetchListener listener) {
        return new FetchRequest(community, magnet, null, archiveRoot, plan, METADATA_TIMEOUT, 2, stallTimeout,
                List.of(), listener);
    }

    public static FetchRequest ofTorrent(CommunityId community, byte[] torrentFile, Path archiveRoot, PiecePlan plan,
                                         Duration stallTimeout, FetchListener listener) {
        return new FetchRequest(community, null, torrentFile, archiveRoot, plan, METADATA_TIMEOUT, 2, stallTimeout,
                List.of(), listener);
    }

    public FetchRequest withPeers(List<MagnetLink.PeerAddress> knownPeers) {
        return new FetchRequest(community, magnet, torrentFile, archiveRoot, plan, metadataTimeout, metadataAttempts,
                stallTimeout, knownPeers, listener);
    }

    public FetchRequest withMetadataTimeout(Duration timeout, int attempts) {
        return new FetchRequest(community, magnet, torrentFile, archiveRoot, plan, timeout, attempts, stallTimeout,
                peers, listener);
    }
}
