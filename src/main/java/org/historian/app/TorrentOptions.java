package org.historian.app;

import org.historian.service.TorrentOverrides;
import picocli.CommandLine.Option;

/** Overrides of the torrent settings for one command; the saved settings are not changed. */
public final class TorrentOptions {
    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 picks a free port). Default: the torrent.port setting.")
    Integer port;

    @Option(names = "--listen-address", paramLabel = "IP", description = "Address to listen on. Default: the torrent.listenAddress setting.")
    String listenAddress;

    @Option(names = "--no-dht", description = "Do not join the DHT.")
    boolean noDht;

    @Option(names = "--no-trackers", description = "Do not announce to trackers.")
    boolean noTrackers;

    @Option(names = "--encryption", paramLabel = "POLICY",
            description = "prefer-plaintext, prefer-encrypted or require-encrypted. Default: the torrent.encryption setting.")
    String encryption;

    public TorrentOverrides overrides() {
        return new TorrentOverrides(port, listenAddress, noDht, noTrackers, encryption);
    }
}
