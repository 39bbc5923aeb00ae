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
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public DataDirectory directory() {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof DataDirOption option && option.dataDir != null) {
                    return new DataDirectory(option.dataDir);
                }
            }
        }
        Path chosen = DataDirectoryPointer.standard().chosen();
        return new DataDirectory(chosen != null ? chosen : DataDirectory.defaultRoot());
    }

    public Historian open() throws IOException {
        return Historian.open(directory(), Clock.systemUTC());
    }
}
