package org.historian.archive;

/** Observes and may cancel a run. Called on the run's own thread; must return quickly. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /**
     * Called every few thousand messages and at each partition boundary.
     *
     * @param messagesWritten messages written so far in this run
     * @param position        unix seconds the run has reached within [start, end)
     */
    default void progress(long messagesWritten, long position) {
    }

    /** When this turns true the run stops and leaves the folder as it was before the run. */
    default boolean cancelled() {
        return false;
    }
}
