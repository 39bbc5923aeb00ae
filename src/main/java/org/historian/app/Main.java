package org.historian.app;

import java.io.IOException;
import org.historian.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the jar: the command line, or the window when no command is given. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Historian's error reporting: one clear line, no stack trace, exit code 1. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MainCommand());
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof IOException || exception instanceof IllegalArgumentException
                    || exception instanceof IllegalStateException || exception instanceof StoreException) {
                command.getErr().println("historian: " + exception.getMessage());
            } else {
                LOG.error("unexpected failure", exception);
                command.getErr().println("historian: unexpected " + exception + " (details in the log)");
            }
            return 1;
        });
        return commandLine;
    }
}
