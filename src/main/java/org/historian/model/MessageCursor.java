package org.historian.model;

import java.io.IOException;

/** Messages delivered one at a time, so a run never holds a partition in memory. */
public interface MessageCursor extends AutoCloseable {
    /** The next message, or null at the end. */
    StoredMessage next() throws IOException;

    @Override
    void close() throws IOException;
}
