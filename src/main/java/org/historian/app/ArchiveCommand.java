package org.historian.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.historian.archive.ArchiveFormat;
import org.historian.archive.CreatedArchive;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.CommunityId;
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
        Community target = historian.communities().find(id)
                .orElseThrow(() -> new IllegalArgumentException("no community " + id + "; add it first with: historian community add"));
        long end = to != null ? to : historian.clock().instant().getEpochSecond();
        Optional<Long> lastEnd = historian.runner().lastEnd(target);
        Long storedEnd = historian.archiveInfo().get(id).lastArchiveEndDate();
        long start;
        if (from != null) {
            if (storedEnd != null && from < storedEnd) {
                throw new IllegalArgumentException("--from " + TimeArgument.format(from) + " is before the last archive end date "
                        + TimeArgument.format(storedEnd) + ": that range is already archived, and archives never overlap. "
                        + "Use --from " + TimeArgument.format(storedEnd) + " or later.");
            }
            start = from;
        } else if (lastEnd.isPresent()) {
            start = lastEnd.get();
        } else {
            out.printf("Nothing to archive: no messages are stored for the topics of %s.%n", target.name());
            return 0;
        }
        if (start > end) {
            throw new IllegalArgumentException("the range is empty: start " + TimeArgument.format(start) + " is after end "
                    + TimeArgument.format(end));
        }
        RunOutcome outcome = historian.runner().run(target, start, end, ArchiveFormat.DEFAULT_INTERVAL.toSeconds(), RunListener.NONE);
        String range = "[" + TimeArgument.format(start) + ", " + TimeArgument.format(end) + ")";
        if (!outcome.createdAny()) {
            out.printf("No archives created for %s: no messages in %s.%n", target.name(), range);
        } else {
            out.printf("Created %d archives for %s over %s: %d messages, %d bytes appended.%n", outcome.created().size(),
                    target.name(), range, outcome.messagesArchived(), outcome.bytesAppended());
            for (CreatedArchive created : outcome.created()) {
                out.printf("  %s  %s .. %s  %d messages  %d bytes%n", created.entry().archiveId(),
                        TimeArgument.format(created.entry().from()), TimeArgument.format(created.entry().to()),
                        created.messageCount(), created.entry().size());
            }
            historian.torrents().current(id).ifPresent(torrent -> {
                out.printf("Torrent: %s%n", historian.torrents().torrentFile(id));
                out.printf("Magnet link: %s%n", torrent.magnet().format());
            });
        }
        if (outcome.messagesDropped() > 0) {
            out.printf("Left out %d messages over the 30,000,000-byte chunk cap.%n", outcome.messagesDropped());
        }
        return 0;
    }
}
