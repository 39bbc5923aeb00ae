package org.historian.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.historian.model.HistorianEvent;
import org.historian.store.EventLogRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Persists every event and passes it to listeners (the UI bridge, the headless log). */
public final class EventLog implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final EventLogRepository repository;
    private final List<Consumer<HistorianEvent>> listeners = new CopyOnWriteArrayList<>();

    public EventLog(EventLogRepository repository) {
        this.repository = repository;
    }

    public void addListener(Consumer<HistorianEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<HistorianEvent> listener) {
        listeners.remove(listener);
    }

    @Override
    public void emit(HistorianEvent event) {
        LOG.info("{} community={} from={} to={} {}", event.type().signal(), event.community(), event.from(), event.to(),
                event.detail());
        repository.append(event);
        for (Consumer<HistorianEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.type().signal(), e);
            }
        }
    }
}
