package org.historian.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.historian.archive.ArchiveIndex;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveFetcher;
import org.historian.torrent.EngineStatus;
import org.historian.torrent.FetchException;
import org.historian.torrent.FetchHandle;
import org.historian.torrent.FetchListener;
import org.historian.torrent.InfoHash;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentLayout;
import org.historian.torrent.TorrentMetadata;
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
        List<MagnetLink.PeerAddress> peerAddresses = new ArrayList<>();
        for (String peer : peers) {
            peerAddresses.add(parse(() -> MagnetLink.parsePeer(peer), "--peer"));
        }
        ArchiveFetcher.Source source;
        if (what.magnet != null) {
            source = new ArchiveFetcher.Source(parse(() -> MagnetLink.parse(what.magnet), "--magnet"), null, peerAddresses);
        } else {
            source = new ArchiveFetcher.Source(null, InputFiles.read(what.torrent, TorrentMetadata.MAX_TORRENT_BYTES, "--torrent"),
                    peerAddresses);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Historian historian = data.open()) {
            EngineStatus status = historian.torrentEngine().start(torrentOptions.apply(historian.settings().torrentSettings()));
            if (status.state() != EngineStatus.State.RUNNING) {
                throw new IllegalStateException(status.message());
            }
            AtomicReference<FetchHandle> running = new AtomicReference<>();
            Thread cancelOnCtrlC = new Thread(() -> {
                FetchHandle handle = running.get();
                if (handle != null) {
                    handle.cancel();
                }
            }, "fetch-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
            try {
                Duration stall = stallTimeout != null ? stallTimeout : historian.settings().fetchStallTimeout();
                ArchiveFetcher.Outcome outcome = historian.fetcher().fetch(id, source, stall, progress(out), running::set);
                out.printf("Fetched %d archives (%s from peers); imported %d new messages.%n", outcome.result().downloaded().size(),
                        CommandLineSupport.bytes(outcome.result().bytesDownloaded()), outcome.messagesImported());
                outcome.importFailures().forEach(failure -> out.println("Could not import " + failure));
                if (outcome.adopted()) {
                    out.println("This node controls the community: the fetched archives are now its archive history.");
                } else if (!outcome.notAdopted().isEmpty()) {
                    out.println(CommandLineSupport.printable(outcome.notAdopted()));
                }
                return outcome.importFailures().isEmpty() && outcome.notAdopted().isEmpty() ? 0 : 1;
            } catch (FetchException e) {
                spec.commandLine().getErr().println("historian: " + CommandLineSupport.reason(e));
                return 1;
            } finally {
                Runtime.getRuntime().removeShutdownHook(cancelOnCtrlC);
            }
        }
    }

    private static FetchListener progress(PrintWriter out) {
        return new FetchListener() {
            @Override
            public void metadataReceived(InfoHash infoHash, TorrentLayout layout) {
                out.printf("Metadata received: %s, %s of archives.%n", infoHash.hex(),
                        CommandLineSupport.bytes(layout.files().get(0).length()));
                out.flush();
            }

            @Override
            public void indexReceived(ArchiveIndex index, List<ArchiveIndexEntry> wanted) {
                out.printf("Index received: %d archives, %d to fetch.%n", index.entries().size(), wanted.size());
                out.flush();
            }

            @Override
            public void archiveDownloaded(ArchiveIndexEntry archive) {
                out.printf("  %s .. %s  %s  %s%n", TimeArgument.format(archive.from()), TimeArgument.format(archive.to()),
                        CommandLineSupport.bytes(archive.size()), archive.archiveId());
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
