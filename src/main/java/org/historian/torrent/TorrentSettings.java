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
 * @param encryption      what this client chooses in the MSE handshake; every peer, plaintext or
 *                        MSE, is served under the two "prefer" policies
 */
public record TorrentSettings(int port, String listenAddress, boolean dhtEnabled, boolean trackersEnabled,
                              List<String> trackers, Encryption encryption) {
    /** Message Stream Encryption (MSE/PE) towards peers. */
    public enum Encryption {
        /** Plaintext data when the peer allows it (what libtorrent and anacrolix choose); RC4 with peers that require it. */
        PREFER_PLAINTEXT("prefer-plaintext"),
        /** RC4-encrypted data when the peer allows it; plaintext with peers that offer nothing else. */
        PREFER_ENCRYPTED("prefer-encrypted"),
        /** RC4 only: peers that open in plaintext or offer only plaintext are refused. */
        REQUIRE_ENCRYPTED("require-encrypted");

        private final String word;

        Encryption(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** @throws IllegalArgumentException naming the words that are accepted */
        public static Encryption parse(String text) {
            for (Encryption value : values()) {
                if (value.word.equalsIgnoreCase(text.strip())) {
                    return value;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not prefer-plaintext, prefer-encrypted or require-encrypted");
        }
    }

    public TorrentSettings(int port, String listenAddress, boolean dhtEnabled, boolean trackersEnabled, List<String> trackers) {
        this(port, listenAddress, dhtEnabled, trackersEnabled, trackers, Encryption.PREFER_PLAINTEXT);
    }

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
        Objects.requireNonNull(encryption, "encryption");
        trackers = List.copyOf(trackers);
        for (String tracker : trackers) {
            MagnetLink.validTracker(tracker);
        }
    }

    public static TorrentSettings defaults() {
        return new TorrentSettings(DEFAULT_PORT, "0.0.0.0", true, true, DEFAULT_TRACKERS);
    }

    public TorrentSettings withEncryption(Encryption policy) {
        return new TorrentSettings(port, listenAddress, dhtEnabled, trackersEnabled, trackers, policy);
    }

    /** Loopback only, nothing public: for tests and private set-ups. */
    public static TorrentSettings loopback(List<String> trackers) {
        return new TorrentSettings(0, "127.0.0.1", false, !trackers.isEmpty(), trackers);
    }
}
