package org.historian.app;

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

    /**
     * An error as one line for the terminal: file errors name the file and the reason, and control
     * characters that came from input files are escaped, so that no file can retitle or clear the
     * terminal through a message.
     */
    static String reason(Throwable error) {
        String text;
        if (error instanceof java.nio.file.NoSuchFileException e) {
            text = e.getFile() + ": no such file or directory";
        } else if (error instanceof java.nio.file.AccessDeniedException e) {
            text = e.getFile() + ": permission denied";
        } else if (error instanceof java.nio.file.FileAlreadyExistsException e) {
            text = e.getFile() + ": already exists";
        } else if (error instanceof java.nio.file.FileSystemException e && e.getFile() != null) {
            text = e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        } else {
            text = error.getMessage() != null ? error.getMessage() : error.toString();
        }
        return printable(text);
    }

    /** Escapes control characters (a line break stays one) so text from a file cannot drive the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
