package org.historian.app;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "historian", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Builds, seeds and publishes the history archives of the Status communities you control.",
                "Without a command, opens the window."},
        subcommands = {ImportCommand.class, CommunityCommand.class, ArchiveCommand.class, InspectCommand.class, MagnetCommand.class,
                SeedCommand.class, FetchCommand.class, SettingsCommand.class, SyncCommand.class, ExportCommand.class,
                DemoCommand.class, KeyCommand.class, PublishCommand.class, VerifyPublicationCommand.class, RepairCommand.class,
                MirrorCommand.class})
final class MainCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @picocli.CommandLine.Option(names = "--demo", description = "Open the window with the demo community (added if missing).")
    boolean demo;

    @picocli.CommandLine.Option(names = "--headless", description = {"Run the archive service without a window, for an always-on",
            "machine: archive on schedule, seed, publish; log to <data>/logs/historian.log; stop with Ctrl-C or SIGTERM."})
    boolean headless;

    @picocli.CommandLine.Option(names = "--self-test", description = {"With --headless: check this installation end to end in a",
            "temporary folder on 127.0.0.1 (archive generated messages, seed them, fetch them back with",
            "a second client, compare); exit code 0 when it passed. Touches no data directory."})
    boolean selfTest;

    @picocli.CommandLine.Mixin
    PassphraseOption passphrase;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (selfTest) {
            if (!headless) {
                throw new IllegalArgumentException("--self-test runs without a window: historian --headless --self-test");
            }
            return SelfTest.run(spec.commandLine().getOut());
        }
        CompletableFuture<Void> toolkit = headless ? null : DesktopLauncher.startToolkit();
        Historian opened;
        try {
            opened = data.open();
        } catch (IOException | RuntimeException e) {
            if (toolkit != null) {
                // Started from a desktop menu there is no terminal to read the message in.
                DesktopLauncher.showError(toolkit, e instanceof DataDirectoryLock.LockedException
                        ? "Historian is already running" : "Historian cannot open its data directory", e.getMessage());
            }
            throw e;
        }
        try (Historian historian = opened) {
            if (demo) {
                DemoCommand.addDemo(historian, org.historian.service.DemoCommunity.Spec.defaults(historian.clock().instant()));
            }
            if (passphrase.given()) {
                // Unlocked at start, so an unattended node publishes its links.
                int unlocked = passphrase.unlock(historian.keys());
                spec.commandLine().getOut().println("Unlocked " + unlocked + " key" + (unlocked == 1 ? "" : "s") + ".");
            }
            if (headless) {
                return HeadlessMode.run(historian, spec.commandLine().getOut());
            }
            return DesktopLauncher.launchAndWait(historian, toolkit);
        }
    }
}
