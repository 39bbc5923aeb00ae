package org.historian.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.FetchHandle;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.InfoHash;
import org.historian.torrent.SeedingStats;
import org.historian.torrent.TorrentEngine;
import org.historian.torrent.TorrentMetadata;
import org.historian.torrent.TorrentSettings;
import org.historian.torrent.UnsafeTorrentException;

/**
 * A torrent engine that only records what the service asks of it, for scheduling tests with
 * hundreds of communities; torrents are still parsed and checked like the real engine does.
 * The service's behaviour with the real Bt engine is tested separately.
 */
public final class RecordingTorrentEngine implements TorrentEngine {
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<CommunityId, InfoHash> seeded = Collections.synchronizedMap(new HashMap<>());
    private volatile EngineStatus status = EngineStatus.stopped();
    public volatile boolean failToStart;

    @Override
    public EngineStatus start(TorrentSettings settings) {
        log.add("start");
        status = failToStart
                ? new EngineStatus(EngineStatus.State.ERROR, settings.listenAddress(), 0, "the torrent client could not start: test")
                : new EngineStatus(EngineStatus.State.RUNNING, settings.listenAddress(), 1234, "");
        return status;
    }

    @Override
    public EngineStatus status() {
        return status;
    }

    @Override
    public void seed(CommunityId community, byte[] torrentFile) throws UnsafeTorrentException {
        if (status.state() != EngineStatus.State.RUNNING) {
            throw new IllegalStateException("the torrent client is not running");
        }
        TorrentMetadata metadata = TorrentMetadata.parse(torrentFile);
        metadata.validate(community);
        InfoHash previous = seeded.put(community, metadata.infoHash());
        if (!metadata.infoHash().equals(previous)) {
            log.add("seed " + community.hex() + " " + metadata.infoHash().hex());
        }
    }

    @Override
    public void unseed(CommunityId community) {
        if (seeded.remove(community) != null) {
            log.add("unseed " + community.hex());
        }
    }

    public Optional<InfoHash> seeding(CommunityId community) {
        return Optional.ofNullable(seeded.get(community));
    }

    @Override
    public Optional<SeedingStats> stats(CommunityId community) {
        InfoHash hash = seeded.get(community);
        return hash == null ? Optional.empty() : Optional.of(new SeedingStats(community, hash, SeedingStats.State.SEEDING, "", 0, 0,
                0, 0, 1, 1, Instant.EPOCH));
    }

    @Override
    public Map<CommunityId, SeedingStats> allStats() {
        Map<CommunityId, SeedingStats> all = new HashMap<>();
        synchronized (seeded) {
            seeded.keySet().forEach(community -> all.put(community, stats(community).orElseThrow()));
        }
        return all;
    }

    @Override
    public FetchHandle fetch(FetchRequest request) {
        throw new UnsupportedOperationException("the recording engine does not fetch");
    }

    @Override
    public void stop() {
        log.add("stop");
        seeded.clear();
        status = EngineStatus.stopped();
    }

    @Override
    public void close() {
        stop();
    }
}
