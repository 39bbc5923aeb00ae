package org.historian.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.service.CommunityAdmin;
import org.historian.service.DemoCommunity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Try Historian with a generated demo community, clearly marked as demo data.",
        subcommands = {DemoCommand.Add.class, DemoCommand.Remove.class})
final class DemoCommand {
    @Mixin
    DataDirOption data;

    @Command(name = "add", description = "Add a demo community with months of generated messages (deterministic from --seed).")
    static final class Add implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = "Historian Playground", description = "Name (shown as \"Demo · NAME\").")
        String name;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator; the same seed gives the same data.")
        long seed;

        @Option(names = "--weeks", defaultValue = "26", description = "Weeks of history (default 26).")
        int weeks;

        @Override
        public Integer call() throws Exception {
            try (Historian historian = data.open()) {
                DemoCommunity.Spec demo = new DemoCommunity.Spec(name, seed, historian.clock().instant(), weeks);
                Community community = addDemo(historian, demo);
                spec.commandLine().getOut().printf("Added %s (%s): %d generated messages over %d weeks. "
                                + "Remove it with: historian demo remove%n", community.name(), community.id(),
                        historian.admin().messageCount(community), weeks);
                return 0;
            }
        }
    }

    /** Adds the demo community if it is not there yet, and fills it. */
    static Community addDemo(Historian historian, DemoCommunity.Spec demo) {
        return historian.admin().addDemo(demo);
    }

    @Command(name = "remove", description = "Remove every demo community with its messages, archives and torrents.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Historian historian = data.open()) {
                int removed = 0;
                for (Community community : historian.admin().list()) {
                    if (community.demo()) {
                        CommunityAdmin.Removal removal = historian.admin().remove(community.id(), true);
                        out.printf("Removed %s with %d messages and its archives.%n", community.name(), removal.messagesDeleted());
                        removed++;
                    }
                }
                if (removed == 0) {
                    out.println("There is no demo community.");
                }
                return 0;
            }
        }
    }
}
