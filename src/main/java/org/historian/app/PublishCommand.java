package org.historian.app;

import java.net.URI;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.TorrentService;
import org.historian.service.WakuMagnetPublisher;
import org.historian.waku.WakuMessage;
import org.historian.waku.WakuPublishClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish", description = {"Publish a community's current magnet link to the Waku network now, as a Status",
        "control node does, signed with the community key (historian key import)."})
final class PublishCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;
    @Mixin
    PassphraseOption passphrase;
    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Option(names = "--node", paramLabel = "URL", description = "REST URL of the nwaku node (default: the setting waku.nodeUrl).")
    String node;

    @Option(names = "--mode", paramLabel = "relay|lightpush", description = "How the node sends it (default: the setting "
            + "waku.publish, else relay).")
    String mode;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            URI url = node != null ? WakuPublishClient.parseUrl(node) : historian.settings().wakuNodeUrl().orElseThrow(() ->
                    new IllegalArgumentException("no Waku node: give --node URL or set waku.nodeUrl (historian settings set …)"));
            WakuPublishClient.Mode chosen = mode != null ? WakuPublishClient.Mode.parse(mode)
                    : historian.settings().wakuPublishMode().orElse(WakuPublishClient.Mode.RELAY);
            TorrentService.CommunityTorrent torrent = historian.torrents().current(id).orElseThrow(() ->
                    new IllegalStateException("community " + id + " has no archives yet, so there is no link to publish"));
            if (!historian.keys().stored().isEmpty()) {
                passphrase.unlock(historian.keys()); // without keys, build() says none was imported, and how to import one
            }
            long clock = historian.archiveInfo().get(id).nextMagnetClock(historian.clock().millis());
            String link = torrent.magnet().format();
            WakuMagnetPublisher publisher = historian.magnetPublisher();
            WakuMessage message = publisher.build(id, link, clock);
            WakuPublishClient client = new WakuPublishClient(url, chosen, WakuPublishClient.Options.defaults());
            publisher.send(client, id, message, link, clock);
            historian.archiveInfo().setMagnetLink(id, clock, link);
            spec.commandLine().getOut().println("Published to " + client.describe() + " on " + message.pubsubTopic()
                    + ", content topic " + message.contentTopic() + ", clock " + clock + ":");
            spec.commandLine().getOut().println(link);
            return 0;
        }
    }
}
