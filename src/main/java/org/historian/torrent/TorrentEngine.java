package org.historian.torrent;

import java.util.Map;
import java.util.Optional;
import org.historian.model.CommunityId;

/**
 * The torrent client behind Historian's own small interface: one client for the whole app,
 * seeding each community's torrent and fetching others' as a member. No Bt type crosses it.
 */
public interface TorrentEngine extends AutoCloseable {

    /**
     * Starts the client, or restarts it with new settings and re-seeds what was seeded. A port in
     * use is not an error: the status says so and a free port is used instead.
     */
    EngineStatus start(TorrentSettings settings);

    EngineStatus status();

    /**
     * Seeds a community's torrent; if it already seeds an older one, the new one replaces it as
     * soon as its files are checked.
     *
     * @throws UnsafeTorrentException when the torrent is not a valid community archive torrent
     */
    void seed(CommunityId community, byte[] torrentFile) throws UnsafeTorrentException;

    void unseed(CommunityId community);

    /** The latest sample for a seeded community. */
    Optional<SeedingStats> stats(CommunityId community);

    Map<CommunityId, SeedingStats> allStats();

    FetchHandle fetch(FetchRequest request);

    /** Stops every seed and fetch and closes the listening socket; {@link #start} starts again. */
    void stop();

    /** Stops for good. */
    @Override
    void close();
}
