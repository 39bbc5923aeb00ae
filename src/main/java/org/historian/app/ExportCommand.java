package org.historian.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.service.MessageExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {
        "Write a community's stored messages as NDJSON, the format import reads, oldest first.",
        "Export, import elsewhere and export again gives the same bytes."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Option(names = "--from", paramLabel = "T", converter = TimeArgument.class, description = "Start (inclusive); default the beginning.")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = TimeArgument.class, description = "End (exclusive); default the end.")
    Long to;

    @Option(names = "--output", paramLabel = "FILE", description = {"Where to write: a new file outside the data directory,",
            "or - for standard output (the default)."})
    String output;

    @Option(names = "--force", description = "Replace the --output file if it exists.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            Community target = historian.admin().find(id)
                    .orElseThrow(() -> new IllegalArgumentException("no community " + id));
            long start = from != null ? from : 0;
            long end = to != null ? to : Long.MAX_VALUE;
            if (output == null || output.equals("-")) {
                historian.exporter().export(target, start, end, System.out, MessageExporter.Listener.NONE);
                System.out.flush();
            } else {
                Path file = Path.of(output);
                long count = historian.exporter().exportToFile(target, start, end, file, force, MessageExporter.Listener.NONE)
                        .messages();
                spec.commandLine().getOut().printf("Exported %d messages of %s to %s.%n", count, target.name(), file);
            }
            return 0;
        }
    }
}
