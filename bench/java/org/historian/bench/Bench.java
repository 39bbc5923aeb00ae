package org.historian.bench;

import java.util.List;

/** What every benchmark here needs: timing, medians, printing rounds. */
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
}
