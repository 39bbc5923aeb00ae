package org.historian.torrent;

import bt.metainfo.TorrentId;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts a Bt session for a torrent only once Bt has let go of the previous session of the same
 * torrent. Bt ends a stopped session asynchronously: until then it refuses to register the
 * torrent again (the new session hangs in checking), and when the old session ends it drops the
 * event listeners of that torrent, including the new session's. Seeding a torrent right after
 * unseeding it, as re-enabling a community does, or a fetch's second metadata attempt, meet this.
 */
final class PreviousSessionGate {
    private static final long POLL_MS = 100;
    static final long WAIT_SECONDS = 30;

    private PreviousSessionGate() {
    }

    /**
     * @param abandoned true once the caller no longer wants the session started
     * @param start     registers the session's listeners and starts it
     * @param gaveUp    told why, when the previous session did not end in time
     */
    static void startWhenEnded(BtRuntime runtime, TorrentId torrentId, ScheduledExecutorService scheduler,
                               BooleanSupplier abandoned, Runnable start, Consumer<String> gaveUp) {
        poll(runtime.service(TorrentRegistry.class), torrentId, scheduler, abandoned, start, gaveUp, System.nanoTime());
    }

    private static void poll(TorrentRegistry registry, TorrentId torrentId, ScheduledExecutorService scheduler,
                             BooleanSupplier abandoned, Runnable start, Consumer<String> gaveUp, long waitingSince) {
        if (abandoned.getAsBoolean()) {
            return;
        }
        if (registry.getDescriptor(torrentId).isEmpty()) {
            start.run();
        } else if (System.nanoTime() - waitingSince > TimeUnit.SECONDS.toNanos(WAIT_SECONDS)) {
            gaveUp.accept("the previous session of this torrent did not end within " + WAIT_SECONDS
                    + " s. Restart Historian to use it again.");
        } else {
            scheduler.schedule(() -> poll(registry, torrentId, scheduler, abandoned, start, gaveUp, waitingSince),
                    POLL_MS, TimeUnit.MILLISECONDS);
        }
    }
}
