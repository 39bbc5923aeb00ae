package org.historian.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --data-dir}, accepted before or after the command name ({@code historian --data-dir D archive …}). */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"Data directory (default: the one chosen in the window's settings, else",
                    "$XDG_DATA_HOME/historian or ~/.local/share/historian)."})
    String dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public DataDirectory directory() {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof DataDirOption option && option.dataDir != null) {
                    return new DataDirectory(option.checked(spec));
                }
            }
        }
        Path chosen = DataDirectoryPointer.standard().chosen();
        return new DataDirectory(chosen != null ? chosen : DataDirectory.defaultRoot());
    }

    /** An empty value would silently mean the current directory, and tighten its permissions. */
    private Path checked(CommandSpec spec) {
        if (dataDir.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data-dir is empty: give the data directory, "
                    + "such as ~/.local/share/historian, or leave the option out for the default");
        }
        Path path;
        try {
            path = Path.of(dataDir).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data-dir: " + e.getMessage(), e);
        }
        if (java.nio.file.Files.exists(path) && !java.nio.file.Files.isDirectory(path)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--data-dir: " + path
                    + " is a file, not a directory");
        }
        return path;
    }

    public Historian open() throws IOException {
        return Historian.open(directory(), Clock.systemUTC());
    }
}
