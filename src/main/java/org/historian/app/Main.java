package org.historian.app;

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
        // "--data-dir mirror" names a directory, even though "mirror" is also a command.
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        addHelpOption(commandLine);
        // Usage errors often quote input from a file: escaped too, as picocli's own handler prints them raw.
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println(CommandLineSupport.printable(String.valueOf(exception.getMessage())));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, failed.getErr())) {
                failed.usage(failed.getErr(), failed.getColorScheme());
            }
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            // Checked exceptions and these two carry a message for the operator (a database failure is
            // an IllegalStateException naming the file); any other runtime exception is a defect.
            if (!(exception instanceof RuntimeException) || exception instanceof IllegalArgumentException
                    || exception instanceof IllegalStateException) {
                command.getErr().println("historian: " + CommandLineSupport.reason(exception));
            } else {
                LOG.error("unexpected failure", exception);
                command.getErr().println("historian: unexpected " + exception + " (details in the log)");
            }
            return 1;
        });
        return commandLine;
    }

    /** {@code --help} on every command and subcommand ({@code historian seed --help}), not only the top one. */
    private static void addHelpOption(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            addHelpOption(sub);
        }
    }
}
