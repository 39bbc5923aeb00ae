package org.historian.app;

import java.time.Duration;
import org.historian.model.CommunityId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Small helpers the commands share. */
final class CommandLineSupport {
    private CommandLineSupport() {
    }

    /** Parses a community ID option, reporting a problem as a usage error. */
    static CommunityId communityId(CommandSpec spec, String text) {
        try {
            return CommunityId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--community: " + e.getMessage(), e);
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String duration(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
