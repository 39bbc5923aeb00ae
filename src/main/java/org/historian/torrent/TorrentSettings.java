package org.historian.torrent;

import java.util.List;
import java.util.Objects;

/**
 * How the torrent client runs.
 *
 * @param port            TCP (and DHT UDP) port; 0 picks a free port
 * @param listenAddress   address to listen on and connect from; "0.0.0.0" for all interfaces
 * @param dhtEnabled      join the public DHT (reveals this node's address and the communities it seeds)
 * @param trackersEnabled announce to the torrents' trackers (same privacy cost)
 * @param trackers        the announce-list written into new torrents and magnet links
 */
public record TorrentSettings(int port, String listenAddress, boolean dhtEnabled, boolean trackersEnabled,
                              List<String> trackers) {
    /** status-go's port. */
    public static final int DEFAULT_PORT = 9025;
    /** status-go's trackers, each its own tier. */
    public static final List<String> DEFAULT_TRACKERS = List.of(
            "udp://tracker.opentrackr.org:1337/announce",
            "udp://tracker.openbittorrent.com:6969/announce");

    public TorrentSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(listenAddress, "listenAddress");
        trackers = List.copyOf(trackers);
        for (String tracker : trackers) {
            MagnetLink.validTracker(tracker);
        }
    }

    public static TorrentSettings defaults() {
        return new TorrentSettings(DEFAULT_PORT, "0.0.0.0", true, true, DEFAULT_TRACKERS);
    }

    /** Loopback only, nothing public: for tests and private set-ups. */
    public static TorrentSettings loopback(List<String> trackers) {
        return new TorrentSettings(0, "127.0.0.1", false, !trackers.isEmpty(), trackers);
    }
}
