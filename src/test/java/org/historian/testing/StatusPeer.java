package org.historian.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code statuspeer} ({@code src/test/go/statuspeer}), the Status side of the real-network tests:
 * a sender that encrypts as status-go does, a current member with anacrolix/torrent, a seeder of a
 * folder written by the spec's rules. Each prints JSON lines; this class reads them.
 */
public final class StatusPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    public final List<JsonNode> lines = new ArrayList<>();

    private StatusPeer(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(GoPrograms.statuspeer().toString());
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Publishes {@code count} chat messages of the community on its universal chat through the node's relay API. */
    public static JsonNode send(URI node, String community, int count, Path log) throws IOException, InterruptedException {
        try (StatusPeer peer = new StatusPeer(List.of("send", "-node", node.toString(), "-community", community, "-count",
                Integer.toString(count)), log)) {
            return peer.until("sent");
        }
    }

    /** A member subscribing on {@code node}; read what it did with {@link #until}. */
    public static StatusPeer member(URI node, String community, String seeder, Path dir, int timeoutSeconds, Path log)
            throws IOException {
        return new StatusPeer(List.of("member", "-node", node.toString(), "-community", community, "-peer", seeder, "-dir",
                dir.toString(), "-timeout", Integer.toString(timeoutSeconds)), log);
    }

    /** A member that joins later: it reads the newest link from {@code node}'s store, then downloads from {@code seeder}. */
    public static StatusPeer memberFromStore(URI node, String community, String seeder, Path dir, int timeoutSeconds, Path log)
            throws IOException {
        return new StatusPeer(List.of("member", "-store", "-node", node.toString(), "-community", community, "-peer", seeder, "-dir",
                dir.toString(), "-timeout", Integer.toString(timeoutSeconds)), log);
    }

    /** Writes and seeds a community folder; the first line names its magnet link and port. */
    public static StatusPeer seed(String privateKeyHex, Path dir, int weeks, Path log) throws IOException {
        return new StatusPeer(List.of("seed", "-key", privateKeyHex, "-dir", dir.toString(), "-weeks", Integer.toString(weeks)), log);
    }

    /** Writes a community folder as status-go lays it out, from a fixed start; the line names each archive's ID. */
    public static JsonNode folder(String community, Path dir, long start, int weeks, Path log) throws IOException {
        try (StatusPeer peer = new StatusPeer(List.of("folder", "-community", community, "-dir", dir.toString(), "-start",
                Long.toString(start), "-weeks", Integer.toString(weeks)), log)) {
            return peer.until("archives");
        }
    }

    /** Reads lines until one has the field; fails with everything read when the program ends or reports an error first. */
    public JsonNode until(String field) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            JsonNode node = JSON.readTree(line);
            lines.add(node);
            if (node.has(field)) {
                return node;
            }
            if (node.has("error")) {
                throw new AssertionError("statuspeer failed: " + node.get("error").asText() + "\nall it said: " + lines);
            }
        }
        throw new AssertionError("statuspeer ended without \"" + field + "\": " + lines);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // gone already
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
