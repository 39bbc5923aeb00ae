package org.historian.app;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveLinks;
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
            if (!historian.keys().stored().isEmpty()) {
                passphrase.unlock(historian.keys()); // without keys, the publication says none was imported, and how to import one
            }
            ArchiveLinks.Published published = historian.archiveLinks().publishNow(id, Optional.ofNullable(node),
                    Optional.ofNullable(mode));
            spec.commandLine().getOut().println("Published to " + published.via() + " on " + published.pubsubTopic()
                    + ", content topic " + published.contentTopic() + ", clock " + published.clock() + ":");
            spec.commandLine().getOut().println(published.link());
            return 0;
        }
    }
}
