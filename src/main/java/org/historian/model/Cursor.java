package org.historian.model;

import java.io.IOException;

/** Items delivered one at a time, so large results are never held in memory. */
public interface Cursor<T> extends AutoCloseable {
    /** The next item, or null at the end. */
    T next() throws IOException;

    @Override
    void close() throws IOException;

    static <T> Cursor<T> empty() {
        return new Cursor<>() {
            @Override
            public T next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
