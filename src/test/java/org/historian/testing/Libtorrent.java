package org.historian.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * libtorrent 2.0 (Debian's python3-libtorrent, the engine of qBittorrent and Deluge) as a peer:
 * {@code src/test/python/libtorrent_peer.py} run by Debian's {@code /usr/bin/python3}, confined to
 * 127.0.0.1 with no DHT, local discovery, UPnP or NAT-PMP. Its encryption policy is one of
 * {@code default} (libtorrent's own: MSE offered, uTP tried before TCP), {@code rc4} (RC4 required
 * both ways), {@code plaintext} (MSE off), {@code prefer-rc4}.
 */
public final class Libtorrent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src", "test", "python", "libtorrent_peer.py");

    private final Process process;
    private final BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private Libtorrent(Map<String, Object> request) throws IOException {
        requireInstalled();
        process = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = process.getOutputStream();
        in.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Fails the test with the package to install when libtorrent is not there. */
    public static void requireInstalled() throws IOException {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError("Debian's /usr/bin/python3 is needed for the libtorrent tests: apt-get install python3-libtorrent");
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import libtorrent").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new AssertionError("libtorrent is needed for this test: apt-get install python3-libtorrent\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One outcome of a download: how long until complete and until the first payload byte. */
    public record Download(int index, boolean done, double seconds, double firstByteSeconds, long bytes, String why) {
    }

    /**
     * Downloads the torrent into {@code save/<i>} with {@code count} sessions, all at once or (fresh)
     * one after another, each told the peer directly; returns when all are done or timed out.
     */
    public static List<Download> download(Path torrent, Path save, String policy, int port, int count, boolean fresh,
                                          int timeoutSeconds) throws IOException, InterruptedException {
        Map<String, Object> request = Map.of("op", "download", "torrent", torrent.toAbsolutePath().toString(), "save",
                save.toAbsolutePath().toString(), "peers", List.of(List.of("127.0.0.1", port)), "count", count, "encryption", policy,
                "timeout", timeoutSeconds, "fresh", fresh);
        try (Libtorrent peer = new Libtorrent(request)) {
            List<Download> downloads = new ArrayList<>();
            JsonNode line;
            while ((line = peer.next()) != null && !line.has("finished")) {
                downloads.add(line.has("done")
                        ? new Download(line.get("done").asInt(), true, line.get("seconds").asDouble(),
                        line.get("first_byte").isNull() ? -1 : line.get("first_byte").asDouble(), line.get("bytes").asLong(), "")
                        : new Download(line.get("failed").asInt(), false, -1, -1, 0, line.get("why").asText()));
            }
            if (!peer.process.waitFor((long) timeoutSeconds * (fresh ? count : 1) + 60, TimeUnit.SECONDS)) {
                throw new AssertionError("libtorrent did not stop: " + peer.lines);
            }
            return downloads;
        }
    }

    /** Seeds the torrent from {@code save} (which holds its files); {@link #port()} once it is seeding. */
    public static Libtorrent seed(Path torrent, Path save, String policy) throws IOException {
        return new Libtorrent(Map.of("op", "seed", "torrent", torrent.toAbsolutePath().toString(), "save",
                save.toAbsolutePath().toString(), "encryption", policy, "seconds", 600));
    }

    public int port() throws IOException {
        JsonNode line = next();
        if (line == null || !line.has("port")) {
            throw new AssertionError("libtorrent did not start seeding: " + lines);
        }
        return line.get("port").asInt();
    }

    private JsonNode next() throws IOException {
        String line = out.readLine();
        if (line == null) {
            return null;
        }
        lines.add(line);
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
