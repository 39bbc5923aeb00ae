package org.historian.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.historian.model.CommunityId;
import org.historian.service.CommunityStatus;
import org.historian.service.ServiceSnapshot;
import org.historian.service.SeedingFigures;

/**
 * Each community's upload rate over the last hour, one point per {@link #STEP}, for the seeding
 * chart. Plain Java, fed from the bridge's thread and read on the FX thread.
 */
public final class UploadHistory {
    public static final Duration STEP = Duration.ofSeconds(10);
    public static final int POINTS = (int) (Duration.ofHours(1).toSeconds() / STEP.toSeconds());

    private final Map<CommunityId, Series> series = new HashMap<>();

    /** Samples the snapshot's statistics; several samples within one step are averaged. */
    public synchronized void record(ServiceSnapshot snapshot) {
        long step = snapshot.takenAt().getEpochSecond() / STEP.toSeconds();
        for (CommunityStatus status : snapshot.communities()) {
            SeedingFigures stats = status.seeding();
            if (stats != null) {
                series.computeIfAbsent(status.community().id(), id -> new Series()).add(step, stats.uploadRate());
            }
        }
    }

    /**
     * The last hour up to {@code now}, oldest first, bytes per second; steps without samples
     * (not seeding) are 0.
     */
    public synchronized double[] lastHour(CommunityId community, Instant now) {
        double[] points = new double[POINTS];
        Series values = series.get(community);
        if (values != null) {
            values.copyTo(points, now.getEpochSecond() / STEP.toSeconds());
        }
        return points;
    }

    public synchronized void forget(CommunityId community) {
        series.remove(community);
    }

    /** A ring of per-step averages, indexed by step number modulo the ring's size. */
    private static final class Series {
        private final long[] steps = new long[POINTS];
        private final double[] sums = new double[POINTS];
        private final int[] counts = new int[POINTS];

        void add(long step, long rate) {
            int slot = (int) Math.floorMod(step, (long) POINTS);
            if (steps[slot] != step) {
                steps[slot] = step;
                sums[slot] = 0;
                counts[slot] = 0;
            }
            sums[slot] += rate;
            counts[slot]++;
        }

        void copyTo(double[] points, long lastStep) {
            for (int i = 0; i < POINTS; i++) {
                long step = lastStep - (POINTS - 1) + i;
                int slot = (int) Math.floorMod(step, (long) POINTS);
                points[i] = steps[slot] == step && counts[slot] > 0 ? sums[slot] / counts[slot] : 0;
            }
        }
    }
}
