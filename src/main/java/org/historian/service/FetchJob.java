package org.historian.service;

/** A member fetch in progress: it can be stopped from another thread (Cancel, Ctrl-C). */
@FunctionalInterface
public interface FetchJob {
    /** Stops the fetch; archives completed so far stay on disk and recorded. */
    void cancel();
}
