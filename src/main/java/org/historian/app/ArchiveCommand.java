package org.historian.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveRow;
import org.historian.service.ArchiveRunner;
import org.historian.service.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "archive", description = {
        "Archive a community's stored messages over [FROM, TO) in 7-day partitions, appending to its data and index.",
        "FROM defaults to the last archive end date (or the oldest stored message), TO to now."})
final class ArchiveCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Option(names = "--from", paramLabel = "T", converter = TimeArgument.class,
            description = "Start (inclusive): ISO-8601 instant such as 2020-01-01T00:00:00Z, or unix seconds.")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = TimeArgument.class, description = "End (exclusive); default now.")
    Long to;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            return archive(historian, id);
        }
    }

    private int archive(Historian historian, CommunityId id) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ArchiveRunner.ManualRun run = historian.runner().archiveNow(id, Optional.ofNullable(from), Optional.ofNullable(to));
        String name = run.community().name();
        if (run.outcome().isEmpty()) {
            out.printf("Nothing to archive: no messages are stored for the topics of %s.%n", name);
            return 0;
        }
        RunOutcome outcome = run.outcome().get();
        String range = "[" + TimeArgument.format(run.start()) + ", " + TimeArgument.format(run.end()) + ")";
        if (!outcome.createdAny()) {
            out.printf("No archives created for %s: no messages in %s.%n", name, range);
        } else {
            out.printf("Created %d archives for %s over %s: %d messages, %d bytes appended.%n", outcome.rows().size(),
                    name, range, outcome.messagesArchived(), outcome.bytesAppended());
            for (ArchiveRow created : outcome.rows()) {
                out.printf("  %s  %s .. %s  %d messages  %d bytes%n", created.archiveId(), TimeArgument.format(created.from()),
                        TimeArgument.format(created.to()), created.messageCount(), created.size());
            }
            run.torrent().ifPresent(torrent -> {
                out.printf("Torrent: %s%n", torrent.torrentFile());
                out.printf("Magnet link: %s%n", torrent.magnetLink());
            });
        }
        if (outcome.messagesDropped() > 0) {
            out.printf("Left out %d messages over the 30,000,000-byte chunk cap.%n", outcome.messagesDropped());
        }
        return 0;
    }
}
