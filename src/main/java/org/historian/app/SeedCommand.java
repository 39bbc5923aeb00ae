package org.historian.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;
import org.historian.service.TorrentService;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.SeedingStats;
import org.historian.torrent.TorrentEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seed", description = {
        "Seed the archives of every community (or the ones named) until interrupted with Ctrl-C,",
        "printing each torrent's state, peers and upload now and then."})
final class SeedCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Mixin
    TorrentOptions torrentOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--community", paramLabel = "0x…", description = "Seed only this community; repeatable.")
    List<String> only = new ArrayList<>();

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How often to print the status, ISO-8601 (default PT30S).")
    Duration statusEvery;

    @Option(names = "--stop-after", paramLabel = "DURATION", description = "Stop after this long instead of waiting for Ctrl-C.")
    Duration stopAfter;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<CommunityId> requested = new ArrayList<>();
        for (String id : only) {
            requested.add(CommandLineSupport.communityId(spec, id));
        }
        try (Historian historian = data.open()) {
            TorrentEngine engine = historian.torrentEngine();
            EngineStatus status = engine.start(torrentOptions.apply(historian.settings().torrentSettings()));
            if (status.state() != EngineStatus.State.RUNNING) {
                throw new IllegalStateException(status.message());
            }
            out.printf("Torrent client listening on %s:%d%s%n", status.listenAddress(), status.port(),
                    status.message().isEmpty() ? "" : " (" + status.message() + ")");
            List<String> refused = new ArrayList<>();
            List<Community> seeded = seedAll(historian, engine, requested, out, refused);
            if (seeded.isEmpty()) {
                out.println(refused.isEmpty() ? "Nothing to seed: no community has archives yet."
                        : "Nothing to seed: no community's archives can be seeded.");
                return refused.isEmpty() ? 0 : 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "seed-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
            printer.scheduleAtFixedRate(() -> printStatus(engine.allStats(), seeded, out), statusEvery.toMillis(),
                    statusEvery.toMillis(), TimeUnit.MILLISECONDS);
            try {
                if (stopAfter != null) {
                    stop.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    stop.await();
                }
            } finally {
                printer.shutdownNow();
                printStatus(engine.allStats(), seeded, out);
                for (Community community : seeded) {
                    engine.unseed(community.id());
                    historian.events().emit(HistorianEvent.of(historian.clock().instant(), EventType.ARCHIVES_UNSEEDED, community.id()));
                }
                if (stopAfter != null) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            }
            out.println("Stopped seeding.");
            if (!refused.isEmpty()) {
                out.printf("Not seeded: %s%n", String.join("; ", refused));
            }
            return refused.isEmpty() ? 0 : 1;
        }
    }

    /** Seeds each community on its own: one whose folder fails its check is reported and left out, the others go on. */
    private static List<Community> seedAll(Historian historian, TorrentEngine engine, List<CommunityId> requested, PrintWriter out,
                                           List<String> refused) {
        List<Community> seeded = new ArrayList<>();
        for (Community community : historian.communities().list()) {
            if (!requested.isEmpty() && !requested.contains(community.id())) {
                continue;
            }
            Optional<TorrentService.CommunityTorrent> torrent;
            try {
                torrent = historian.torrents().current(community.id());
                if (torrent.isEmpty()) {
                    out.printf("%s: no archives yet, nothing to seed%n", community.name());
                    continue;
                }
                engine.seed(community.id(), torrent.get().bytes());
            } catch (java.io.IOException | org.historian.torrent.UnsafeTorrentException | RuntimeException e) {
                out.printf("%s: not seeded: %s%n", community.name(), CommandLineSupport.reason(e));
                refused.add(community.name() + " (" + community.id().shortForm() + ")");
                continue;
            }
            historian.events().emit(HistorianEvent.of(historian.clock().instant(), EventType.ARCHIVES_SEEDING, community.id()));
            out.printf("%s: seeding %s%n", community.name(), torrent.get().magnet().format());
            seeded.add(community);
        }
        for (CommunityId id : requested) {
            if (historian.communities().find(id).isEmpty()) {
                out.printf("%s: not a community of this node%n", id);
            }
        }
        return seeded;
    }

    private static void printStatus(Map<CommunityId, SeedingStats> stats, List<Community> seeded, PrintWriter out) {
        for (Community community : seeded) {
            SeedingStats s = stats.get(community.id());
            if (s == null) {
                continue;
            }
            out.printf("%s: %s, %d peers, uploaded %s (%s/s), pieces %d/%d%s%n", community.name(),
                    s.state().name().toLowerCase(java.util.Locale.ROOT), s.peers(), CommandLineSupport.bytes(s.uploaded()),
                    CommandLineSupport.bytes(s.uploadRate()), s.piecesComplete(), s.piecesTotal(),
                    s.error().isEmpty() ? "" : " - " + s.error());
        }
        out.flush();
    }
}
