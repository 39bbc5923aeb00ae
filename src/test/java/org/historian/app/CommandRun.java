package org.historian.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in this JVM as {@code historian --data-dir DIR ARGS…}, collecting what it prints. */
final class CommandRun {
    record Result(int exitCode, String out, String err) {
    }

    /** Output written so far, readable while the command still runs. */
    static final class Live {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
    }

    private CommandRun() {
    }

    static Result run(Path dataDir, String... args) {
        return run(dataDir, new Live(), args);
    }

    static Result run(Path dataDir, Live live, String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(live.out, true));
        commandLine.setErr(new PrintWriter(live.err, true));
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Result(code, live.out.toString(), live.err.toString());
    }
}
