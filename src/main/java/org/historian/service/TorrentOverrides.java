package org.historian.service;

import org.historian.torrent.TorrentSettings;

/**
 * Changes to the saved torrent settings for one command ({@code seed --port 0 --no-dht}); the
 * saved settings stay as they are. Nulls and false keep what is saved.
 */
public record TorrentOverrides(Integer port, String listenAddress, boolean noDht, boolean noTrackers, String encryption) {
    public static final TorrentOverrides NONE = new TorrentOverrides(null, null, false, false, null);

    /** @throws IllegalArgumentException naming a value that is not valid */
    TorrentSettings apply(TorrentSettings saved) {
        return new TorrentSettings(port != null ? port : saved.port(), listenAddress != null ? listenAddress : saved.listenAddress(),
                saved.dhtEnabled() && !noDht, saved.trackersEnabled() && !noTrackers, saved.trackers(),
                encryption != null ? TorrentSettings.Encryption.parse(encryption) : saved.encryption());
    }
}
