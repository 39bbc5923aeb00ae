package org.historian.service;

import org.historian.model.HistorianEvent;

/** Where the service reports what happens. */
@FunctionalInterface
public interface EventSink {
    void emit(HistorianEvent event);
}
