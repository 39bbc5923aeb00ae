package org.historian.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveFetcher;
import org.historian.service.ArchiveRow;
import org.historian.service.FetchFailedException;
import org.historian.service.FetchJob;
import org.historian.service.FetchProgress;
import org.historian.service.Format;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fetch", description = {
        "Fetch a community's archives as a member does: the index first, then only the archives not held",
        "yet, oldest first; import their messages. For a community this node controls but has not",
        "archived yet, the fetched history becomes its own and later runs append to it."})
final class FetchCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Mixin
    TorrentOptions torrentOptions;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--magnet", paramLabel = "LINK", description = "The magnet link (quote it in the shell).")
        String magnet;

        @Option(names = "--torrent", paramLabel = "FILE", description = "A .torrent file.")
        Path torrent;
    }

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer to contact (besides trackers and the DHT); repeatable.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--stall-timeout", paramLabel = "DURATION", description = "Give up when no piece arrives for this long. "
            + "Default: the fetch.stallTimeout setting.")
    Duration stallTimeout;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        ArchiveFetcher.Source source = what.magnet != null
                ? parse(() -> ArchiveFetcher.Source.ofMagnet(what.magnet, List.of()), "--magnet")
                : ArchiveFetcher.Source.ofTorrentFile(InputFiles.read(what.torrent, ArchiveFetcher.Source.MAX_TORRENT_FILE_BYTES,
                        "--torrent"), List.of());
        ArchiveFetcher.Source withPeers = parse(() -> source.withPeers(peers), "--peer");
        PrintWriter out = spec.commandLine().getOut();
        try (Historian historian = data.open()) {
            historian.torrentClient().start(torrentOptions.overrides());
            AtomicReference<FetchJob> running = new AtomicReference<>();
            Thread cancelOnCtrlC = new Thread(() -> {
                FetchJob job = running.get();
                if (job != null) {
                    job.cancel();
                }
            }, "fetch-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
            try {
                Duration stall = stallTimeout != null ? stallTimeout : historian.settings().fetchStallTimeout();
                ArchiveFetcher.Outcome outcome = historian.fetcher().fetch(id, withPeers, stall, progress(out), running::set);
                out.printf("Fetched %d archives (%s from peers); imported %d new messages.%n", outcome.downloaded().size(),
                        Format.bytes(outcome.bytesDownloaded()), outcome.messagesImported());
                outcome.importFailures().forEach(failure -> out.println("Could not import " + CommandLineSupport.printable(failure)));
                if (outcome.adopted()) {
                    out.println("This node controls the community: the fetched archives are now its archive history.");
                } else if (!outcome.notAdopted().isEmpty()) {
                    out.println(CommandLineSupport.printable(outcome.notAdopted()));
                }
                return outcome.importFailures().isEmpty() && outcome.notAdopted().isEmpty() ? 0 : 1;
            } catch (FetchFailedException e) {
                spec.commandLine().getErr().println("historian: " + CommandLineSupport.reason(e));
                return 1;
            } finally {
                Runtime.getRuntime().removeShutdownHook(cancelOnCtrlC);
            }
        }
    }

    private static FetchProgress progress(PrintWriter out) {
        return new FetchProgress() {
            @Override
            public void metadataReceived(String infoHash, long dataBytes, long indexBytes) {
                out.printf("Metadata received: %s, %s of archives.%n", infoHash, Format.bytes(dataBytes));
                out.flush();
            }

            @Override
            public void indexReceived(int archivesInIndex, List<ArchiveRow> wanted) {
                out.printf("Index received: %d archives, %d to fetch.%n", archivesInIndex, wanted.size());
                out.flush();
            }

            @Override
            public void archiveDownloaded(ArchiveRow archive) {
                out.printf("  %s .. %s  %s  %s%n", TimeArgument.format(archive.from()), TimeArgument.format(archive.to()),
                        Format.bytes(archive.size()), archive.archiveId());
                out.flush();
            }
        };
    }

    private <T> T parse(java.util.function.Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }
}
