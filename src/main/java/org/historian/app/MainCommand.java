package org.historian.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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

    @picocli.CommandLine.Option(names = "--headless", description = {"Run the archive service without a window, for an always-on",
            "machine: archive on schedule, seed, publish; log to <data>/logs/historian.log; stop with Ctrl-C or SIGTERM."})
    boolean headless;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CompletableFuture<Void> toolkit = headless ? null : DesktopLauncher.startToolkit();
        try (Historian historian = data.open()) {
            if (demo) {
                DemoCommand.addDemo(historian, org.historian.service.DemoCommunity.Spec.defaults(historian.clock().instant()));
            }
            if (headless) {
                return HeadlessMode.run(historian, spec.commandLine().getOut());
            }
            return DesktopLauncher.launchAndWait(historian, toolkit);
        }
    }
}
