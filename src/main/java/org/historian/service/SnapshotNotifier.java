package org.historian.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Delivers snapshots to listeners, coalesced: after a change, one snapshot goes out after
 * {@link #DELAY}, however many changes came in between (a run reports progress per batch).
 */
final class SnapshotNotifier {
    static final Duration DELAY = Duration.ofMillis(200);

    private final List<Consumer<ServiceSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Supplier<ServiceSnapshot> snapshots;

    SnapshotNotifier(TaskScheduler scheduler, Clock clock, Supplier<ServiceSnapshot> snapshots) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.snapshots = snapshots;
    }

    void add(Consumer<ServiceSnapshot> listener) {
        listeners.add(listener);
        changed();
    }

    void remove(Consumer<ServiceSnapshot> listener) {
        listeners.remove(listener);
    }

    void changed() {
        if (listeners.isEmpty() || !pending.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(clock.instant().plus(DELAY), () -> {
            pending.set(false);
            ServiceSnapshot snapshot = snapshots.get();
            listeners.forEach(listener -> listener.accept(snapshot));
        });
    }
}
