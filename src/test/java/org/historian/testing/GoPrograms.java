package org.historian.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Go programs of the real-network tests, built by {@code src/test/go/build.sh} from the Go
 * module proxy once per version of their sources (the first build takes minutes; later ones find
 * the cached binaries): go-waku's node and {@code statuspeer}.
 */
public final class GoPrograms {
    private static Map<String, Path> built;

    private GoPrograms() {
    }

    public static Path waku() throws IOException {
        return all().get("waku");
    }

    public static Path statuspeer() throws IOException {
        return all().get("statuspeer");
    }

    private static synchronized Map<String, Path> all() throws IOException {
        if (built != null) {
            return built;
        }
        Path log = Files.createTempFile("historian-go-build", ".log");
        Process build = new ProcessBuilder("bash", Path.of("src", "test", "go", "build.sh").toString())
                .redirectError(log.toFile()).start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!build.waitFor(40, TimeUnit.MINUTES) || build.exitValue() != 0) {
                throw new AssertionError("building the Go programs of the real-network tests failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Map<String, Path> paths = new HashMap<>();
        out.lines().map(line -> line.split(" ", 2)).filter(parts -> parts.length == 2)
                .forEach(parts -> paths.put(parts[0], Path.of(parts[1])));
        built = Map.copyOf(paths);
        return built;
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }
}
