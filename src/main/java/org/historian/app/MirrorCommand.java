package org.historian.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveRow;
import org.historian.service.CommunityAdmin;
import org.historian.service.Format;
import org.historian.service.Mirrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "mirror", description = {"Keep the history of a community you do not own online: follow its archive links on",
        "the store node, fetch each new torrent, seed the newest, even while its owner is offline. No key",
        "is needed; a mirror never archives messages and never publishes links. The window and",
        "--headless run the mirrors."},
        subcommands = {MirrorCommand.Add.class, MirrorCommand.ListMirrors.class, MirrorCommand.Remove.class})
final class MirrorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "add", description = "Mirror a community. Its links are read from the Waku node (waku.nodeUrl), else the "
            + "store node (store.nodeUrl), every mirror.pollInterval.")
    static final class Add implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandSpec spec;
        @Mixin
        CommunityOption community;

        @Option(names = "--name", paramLabel = "NAME", description = "A name to show (default: from the ID).")
        String name;

        @Option(names = "--pubsub-topic", paramLabel = "TOPIC", description = "Its Waku pubsub topic (default /waku/2/rs/16/32).")
        String pubsubTopic;

        @Override
        public Integer call() throws Exception {
            CommunityId id = community.id();
            Community mirrored;
            try {
                mirrored = new Community(id, name, List.of(), false, true, null, Community.validatePubsubTopic(pubsubTopic), false);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--name/--pubsub-topic: " + e.getMessage(), e);
            }
            try (Historian historian = data.open()) {
                historian.mirrors().add(mirrored);
                boolean node = historian.settings().wakuNodeUrl().or(() -> historian.settings().storeNodeUrl()).isPresent();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Mirroring %s (%s). The service follows it from its next start (the window, or historian "
                        + "--headless).%n", mirrored.name(), id);
                if (!node) {
                    out.println("No node to read its links from yet: historian settings set store.nodeUrl http://… (or waku.nodeUrl)");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the mirrored communities: the link followed, when the owner sent it, the archives held.")
    static final class ListMirrors implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Mirrors.MirrorSummary> mirrors;
            try (Historian historian = data.open()) {
                mirrors = historian.mirrors().list();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (mirrors.isEmpty()) {
                out.println("No mirrors. Mirror a community with: historian mirror add --community 0x… (or its share link)");
            }
            for (Mirrors.MirrorSummary mirror : mirrors) {
                long bytes = mirror.held().stream().mapToLong(ArchiveRow::size).sum();
                out.printf("%s  %s  archives=%d (%s)  %s  %s%n", mirror.community().id(), mirror.community().name(), mirror.held().size(),
                        Format.bytes(bytes), mirror.linkSentAt() == null ? "no link accepted yet"
                                : "owner's link of " + mirror.linkSentAt() + " (clock " + mirror.clock() + ")",
                        mirror.polledAt() == null ? "never polled" : "polled " + mirror.polledAt());
                if (mirror.link() != null) {
                    out.println("  " + CommandLineSupport.printable(mirror.link()));
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = {"Stop mirroring a community. Its fetched archives and torrent stay on disk unless",
            "--everything is given."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandSpec spec;
        @Mixin
        CommunityOption community;

        @Option(names = "--everything", description = "Also delete its archive folder and torrent.")
        boolean everything;

        @Override
        public Integer call() throws Exception {
            CommunityId id = community.id();
            try (Historian historian = data.open()) {
                if (!historian.mirrors().isMirror(id)) {
                    throw new IllegalArgumentException(id + " is not a mirrored community of this node; see: historian mirror list");
                }
                CommunityAdmin.Removal removal = historian.admin().remove(id, everything);
                spec.commandLine().getOut().printf("Stopped mirroring %s%s.%n", removal.community().name(), removal.filesDeleted()
                        ? "; its archives are deleted" : "; its files stay in the data directory");
                return 0;
            }
        }
    }
}
