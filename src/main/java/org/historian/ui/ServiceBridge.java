package org.historian.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.historian.model.HistorianEvent;
import org.historian.service.ArchiveService;
import org.historian.service.EventLog;
import org.historian.service.ServiceSnapshot;

/**
 * The one place where the service's world reaches the FX thread. Snapshots (pushed by the
 * service after changes, and sampled every second for the live statistics) and events arrive on
 * service threads; at most one hand-over of each kind is queued on the FX thread at a time, and
 * it carries the latest snapshot and every event since the last one. However busy the service
 * is, the FX thread sees a few updates a second.
 */
public final class ServiceBridge implements AutoCloseable {
    static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

    private final ArchiveService service;
    private final EventLog events;
    private final UploadHistory uploads = new UploadHistory();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ui-bridge");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ServiceSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean snapshotQueued = new AtomicBoolean();
    private final ConcurrentLinkedQueue<HistorianEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean eventsQueued = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<ServiceSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final List<Consumer<List<HistorianEvent>>> eventListeners = new ArrayList<>();
    private final Consumer<ServiceSnapshot> snapshotListener = this::offer;
    private final Consumer<HistorianEvent> eventListener = this::offer;

    public ServiceBridge(ArchiveService service, EventLog events) {
        this.service = service;
        this.events = events;
    }

    /** Starts listening; the first snapshot is taken at once, on the bridge's thread. */
    public void start() {
        service.addListener(snapshotListener);
        events.addListener(eventListener);
        long period = SAMPLE_PERIOD.toMillis();
        sampler.scheduleAtFixedRate(() -> offer(service.snapshot()), 0, period, TimeUnit.MILLISECONDS);
    }

    /** The latest snapshot; changes on the FX thread only. Null until the first arrives. */
    public ReadOnlyObjectProperty<ServiceSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** Called on the FX thread with the events since the last call, oldest first. */
    public void addEventListener(Consumer<List<HistorianEvent>> listener) {
        eventListeners.add(listener);
    }

    public UploadHistory uploads() {
        return uploads;
    }

    /** Takes a snapshot now (after a command), instead of waiting for the next sample. */
    public void refresh() {
        sampler.execute(() -> offer(service.snapshot()));
    }

    private void offer(ServiceSnapshot next) {
        uploads.record(next);
        latest.set(next);
        if (snapshotQueued.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                snapshotQueued.set(false);
                ServiceSnapshot current = latest.get();
                // Snapshots may be offered out of order by two threads; never go back in time.
                if (snapshot.get() == null || !current.takenAt().isBefore(snapshot.get().takenAt())) {
                    snapshot.set(current);
                }
            });
        }
    }

    private void offer(HistorianEvent event) {
        pendingEvents.add(event);
        if (eventsQueued.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                eventsQueued.set(false);
                List<HistorianEvent> batch = new ArrayList<>();
                HistorianEvent next;
                while ((next = pendingEvents.poll()) != null) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    eventListeners.forEach(listener -> listener.accept(List.copyOf(batch)));
                }
            });
        }
    }

    @Override
    public void close() {
        service.removeListener(snapshotListener);
        events.removeListener(eventListener);
        sampler.shutdownNow();
    }
}
