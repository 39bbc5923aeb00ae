package org.historian.app;

import java.io.OutputStream;
import java.nio.file.Files;
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

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write; default standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            Community target = historian.communities().find(id)
                    .orElseThrow(() -> new IllegalArgumentException("no community " + id));
            long start = from != null ? from : 0;
            long end = to != null ? to : Long.MAX_VALUE;
            long count;
            if (output == null) {
                count = historian.exporter().export(target, start, end, System.out, MessageExporter.Listener.NONE);
                System.out.flush();
            } else {
                Path temp = output.resolveSibling("." + output.getFileName() + ".part");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    count = historian.exporter().export(target, start, end, out, MessageExporter.Listener.NONE);
                }
                Files.move(temp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                spec.commandLine().getOut().printf("Exported %d messages of %s to %s.%n", count, target.name(), output);
            }
            return 0;
        }
    }
}
