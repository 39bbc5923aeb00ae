package org.historian.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What every benchmark here needs: timing, medians, printing rounds, a clean working folder. */
final class Bench {
    private Bench() {
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The middle value (the upper one of an even count). */
    static <T extends Comparable<? super T>> T median(List<T> values) {
        List<T> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** "1.23 1.05 1.40": every round's seconds, as measured. */
    static String format(List<Double> seconds) {
        return String.join(" ", seconds.stream().map(s -> String.format("%.2f", s)).toList());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
