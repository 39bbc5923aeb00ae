package org.historian.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.store.CommunityRepository;

/**
 * Seeding without archiving or publishing ({@code historian seed}): each community's current
 * torrent on the running client, one community at a time, so one whose folder fails its check is
 * reported and the others are seeded; closing unseeds them all.
 */
public final class SeedingSession implements AutoCloseable {
    /** What became of one community. */
    public record Seeded(CommunityId id, String name, Result result, String detail) {
        public enum Result {
            /** Not a community of this node. */
            UNKNOWN,
            /** Seeding; the detail is the magnet link. */
            SEEDING,
            /** No archives yet: nothing to seed. */
            NO_ARCHIVES,
            /** Its archives cannot be seeded; the detail says why. */
            REFUSED
        }
    }

    private final TorrentService torrents;
    private final TorrentClient client;
    private final CommunityRepository communities;
    private final EventSink events;
    private final Clock clock;
    private final List<CommunityId> seeded = new ArrayList<>();

    public SeedingSession(TorrentService torrents, TorrentClient client, CommunityRepository communities, EventSink events,
                          Clock clock) {
        this.torrents = torrents;
        this.client = client;
        this.communities = communities;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Seeds the given communities, or every community when none is given; the client must run.
     */
    public synchronized List<Seeded> seed(List<CommunityId> only) {
        List<Seeded> results = new ArrayList<>();
        for (Community community : communities.list()) {
            if (!only.isEmpty() && !only.contains(community.id())) {
                continue;
            }
            results.add(seedOne(community));
        }
        for (CommunityId id : only) {
            if (communities.find(id).isEmpty()) {
                results.add(new Seeded(id, id.shortForm(), Seeded.Result.UNKNOWN, "not a community of this node"));
            }
        }
        return results;
    }

    private Seeded seedOne(Community community) {
        Optional<TorrentService.CommunityTorrent> torrent;
        try {
            torrent = torrents.seedCurrent(client.engine(), community.id());
        } catch (java.io.IOException | org.historian.torrent.UnsafeTorrentException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            events.emit(HistorianEvent.of(clock.instant(), EventType.ERROR, community.id())
                    .withDetail("the archives cannot be seeded: " + reason));
            return new Seeded(community.id(), community.name(), Seeded.Result.REFUSED, reason);
        }
        if (torrent.isEmpty()) {
            return new Seeded(community.id(), community.name(), Seeded.Result.NO_ARCHIVES, "");
        }
        seeded.add(community.id());
        events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_SEEDING, community.id())
                .withDetail(torrent.get().infoHash().hex()));
        return new Seeded(community.id(), community.name(), Seeded.Result.SEEDING, torrent.get().magnet().format());
    }

    /** The latest sample of each community seeded by this session. */
    public List<SeedingFigures> figures() {
        var all = client.seeding();
        List<CommunityId> ids;
        synchronized (this) {
            ids = List.copyOf(seeded);
        }
        return ids.stream().map(all::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Unseeds every community this session seeded. */
    @Override
    public synchronized void close() {
        for (CommunityId id : seeded) {
            client.engine().unseed(id);
            events.emit(HistorianEvent.of(clock.instant(), EventType.ARCHIVES_UNSEEDED, id));
        }
        seeded.clear();
    }
}
