package org.historian.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "historian", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Builds, seeds and publishes the history archives of the Status communities you control.",
                "Without a command, opens the window."},
        subcommands = {ImportCommand.class, CommunityCommand.class, ArchiveCommand.class, InspectCommand.class, MagnetCommand.class,
                SeedCommand.class, FetchCommand.class, SettingsCommand.class, SyncCommand.class, ExportCommand.class,
                DemoCommand.class})
final class MainCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @picocli.CommandLine.Option(names = "--demo", description = "Open the window with the demo community (added if missing).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        try (Historian historian = data.open()) {
            if (demo) {
                DemoCommand.addDemo(historian, org.historian.service.DemoCommunity.Spec.defaults(historian.clock().instant()));
            }
            return DesktopLauncher.launchAndWait(historian);
        }
    }
}
