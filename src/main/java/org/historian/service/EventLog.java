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
        if (LOG.isInfoEnabled()) {
            LOG.info(describe(event));
        }
        repository.append(event);
        for (Consumer<HistorianEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.type().signal(), e);
            }
        }
    }

    /** One log line: the signal, then only the fields the event has. */
    static String describe(HistorianEvent event) {
        StringBuilder line = new StringBuilder(event.type().signal());
        if (event.community() != null) {
            line.append(" community=").append(event.community());
        }
        if (event.from() != null) {
            line.append(" from=").append(event.from()).append(" to=").append(event.to());
        }
        if (event.detail() != null && !event.detail().isEmpty()) {
            line.append(" - ").append(event.detail());
        }
        return line.toString();
    }
}
