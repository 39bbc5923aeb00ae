package org.historian.service;

import java.util.Map;
import java.util.stream.Collectors;
import org.historian.model.CommunityId;
import org.historian.torrent.TorrentEngine;

/**
 * The node's one torrent client, for a command that seeds or fetches without the archive
 * service: started with the saved settings and this command's overrides.
 */
public final class TorrentClient {
    private final TorrentEngine engine;
    private final HistorianSettings settings;

    public TorrentClient(TorrentEngine engine, HistorianSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Starts (or restarts) the client; a port in use is not an error, a free one is taken and the
     * status says so.
     *
     * @throws IllegalArgumentException naming an override that is not valid
     * @throws IllegalStateException    when the client cannot run, saying why
     */
    public TorrentClientStatus start(TorrentOverrides overrides) {
        TorrentClientStatus status = TorrentClientStatus.of(engine.start(overrides.apply(settings.torrentSettings())));
        if (!status.running()) {
            throw new IllegalStateException(status.message());
        }
        return status;
    }

    public TorrentClientStatus status() {
        return TorrentClientStatus.of(engine.status());
    }

    /** The latest seeding sample of every community seeded now. */
    public Map<CommunityId, SeedingFigures> seeding() {
        return engine.allStats().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> SeedingFigures.of(entry.getValue())));
    }

    TorrentEngine engine() {
        return engine;
    }
}
