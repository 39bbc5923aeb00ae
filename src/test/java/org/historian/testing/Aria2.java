package org.historian.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * aria2c (Debian package aria2), the third-party BitTorrent client of the interoperability tests,
 * confined to 127.0.0.1: no DHT, no local peer discovery, no peer exchange, no IPv6.
 */
public final class Aria2 {
    private static final List<String> LOOPBACK_ONLY = List.of(
            "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
            "--disable-ipv6=true", "--interface=127.0.0.1", "--bt-external-ip=127.0.0.1", "--summary-interval=0",
            "--console-log-level=warn", "--no-conf=true", "--check-certificate=false", "--file-allocation=none");

    private Aria2() {
    }

    public static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("aria2c");
        command.addAll(LOOPBACK_ONLY);
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs aria2c to completion; fails the test with its output when it fails. */
    public static String run(Path workingDirectory, long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        Process process = start(workingDirectory, arguments);
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String output = Files.readString(workingDirectory.resolve("aria2.log"), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
            throw new AssertionError("aria2c did not finish within " + timeoutSeconds + " s:\n" + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("aria2c exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    public static Process start(Path workingDirectory, String... arguments) throws IOException {
        File log = workingDirectory.resolve("aria2.log").toFile();
        try {
            return new ProcessBuilder(command(arguments))
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("aria2c is needed for this test: install the Debian package aria2", e);
        }
    }

    /** The info-hash aria2c reads from a .torrent file ({@code aria2c -S}). */
    public static String infoHashOf(Path torrent) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("aria2c", "-S", torrent.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output.lines().filter(line -> line.startsWith("Info Hash:")).map(line -> line.substring(10).trim())
                .findFirst().orElseThrow(() -> new AssertionError("aria2c -S printed no info hash:\n" + output));
    }

    /** aria2c's full listing of a .torrent file. */
    public static String show(Path torrent) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("aria2c", "-S", torrent.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
