package org.historian.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.TorrentService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "magnet", description = {
        "Print a community's magnet link, info-hash and .torrent file, making the torrent again first",
        "if it no longer matches the archive folder."})
final class MagnetCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            PrintWriter out = spec.commandLine().getOut();
            TorrentService.TorrentInfo torrent = historian.torrents().describe(id).orElseThrow(() ->
                    new IllegalStateException("community " + id + " has no archives yet; run historian archive first"));
            out.println(torrent.magnetLink());
            out.println("info-hash: " + torrent.infoHash());
            out.println("torrent:   " + torrent.torrentFile() + (torrent.remade() ? " (made again now)" : ""));
            return 0;
        }
    }
}
