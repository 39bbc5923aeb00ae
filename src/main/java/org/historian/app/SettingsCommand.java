package org.historian.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.historian.service.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "settings", description = "Show the settings, or change one with: settings set KEY VALUE, settings reset KEY.",
        subcommands = {SettingsCommand.Set.class, SettingsCommand.Reset.class})
final class SettingsCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Historian historian = data.open()) {
            PrintWriter out = spec.commandLine().getOut();
            for (Map.Entry<Setting, String> entry : historian.settings().all().entrySet()) {
                Setting setting = entry.getKey();
                boolean isDefault = entry.getValue().equals(setting.defaultValue());
                out.printf("%-24s %s%s%n    %s%n", setting.key(), entry.getValue(), isDefault ? "  (default)" : "", setting.description());
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change a setting.")
    static final class Set implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1", defaultValue = "")
        String value;

        @Override
        public Integer call() throws Exception {
            Setting setting = Setting.byKey(key);
            try (Historian historian = data.open()) {
                historian.settings().set(setting, value);
                spec.commandLine().getOut().printf("%s = %s%n", setting.key(), historian.settings().get(setting));
                return 0;
            }
        }
    }

    @Command(name = "reset", description = "Put a setting back to its default.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() throws Exception {
            Setting setting = Setting.byKey(key);
            try (Historian historian = data.open()) {
                historian.settings().reset(setting);
                spec.commandLine().getOut().printf("%s = %s (default)%n", setting.key(), setting.defaultValue());
                return 0;
            }
        }
    }
}
