package org.historian.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.historian.model.CommunityId;
import org.historian.service.Format;
import org.historian.service.SeedingFigures;
import org.historian.service.SeedingSession;
import org.historian.service.TorrentClientStatus;
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
        try (Historian historian = data.open(); SeedingSession session = historian.seedingSession()) {
            TorrentClientStatus status = historian.torrentClient().start(torrentOptions.overrides());
            out.printf("Torrent client listening on %s:%d%s%n", status.listenAddress(), status.port(),
                    status.message().isEmpty() ? "" : " (" + status.message() + ")");
            List<String> refused = new ArrayList<>();
            java.util.Map<CommunityId, String> names = new java.util.HashMap<>();
            for (SeedingSession.Seeded seeded : session.seed(requested)) {
                switch (seeded.result()) {
                    case SEEDING -> {
                        out.printf("%s: seeding %s%n", seeded.name(), seeded.detail());
                        names.put(seeded.id(), seeded.name());
                    }
                    case NO_ARCHIVES -> out.printf("%s: no archives yet, nothing to seed%n", seeded.name());
                    case UNKNOWN -> out.printf("%s: not a community of this node%n", seeded.id());
                    case REFUSED -> {
                        out.printf("%s: not seeded: %s%n", seeded.name(), CommandLineSupport.printable(seeded.detail()));
                        refused.add(seeded.name() + " (" + seeded.id().shortForm() + ")");
                    }
                }
            }
            if (names.isEmpty()) {
                out.println(refused.isEmpty() ? "Nothing to seed: no community has archives yet."
                        : "Nothing to seed: no community's archives can be seeded.");
                return refused.isEmpty() ? 0 : 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "seed-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
            printer.scheduleAtFixedRate(() -> printStatus(session.figures(), names, out), statusEvery.toMillis(),
                    statusEvery.toMillis(), TimeUnit.MILLISECONDS);
            try {
                if (stopAfter != null) {
                    stop.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    stop.await();
                }
            } finally {
                printer.shutdownNow();
                printStatus(session.figures(), names, out);
                session.close();
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

    private static void printStatus(List<SeedingFigures> figures, java.util.Map<CommunityId, String> names, PrintWriter out) {
        for (SeedingFigures s : figures) {
            out.printf("%s: %s, %d peers, uploaded %s (%s), pieces %d/%d%s%n", names.get(s.community()),
                    s.state().name().toLowerCase(java.util.Locale.ROOT), s.peers(), Format.bytes(s.uploaded()),
                    Format.rate(s.uploadRate()), s.piecesComplete(), s.piecesTotal(),
                    s.error().isEmpty() ? "" : " - " + CommandLineSupport.printable(s.error()));
        }
        out.flush();
    }
}
