package org.historian.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.historian.model.Cursor;

/**
 * Reads a cursor ahead on its own thread, a few small batches at most, so that reading the
 * store overlaps with writing the archive. Memory stays bounded by the queue.
 */
final class PrefetchingCursor<T> implements Cursor<T> {
    private static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private List<T> batch = List.of();
    private int position;
    private boolean finished;

    PrefetchingCursor(Cursor<T> source, String threadName) {
        reader = new Thread(() -> readAhead(source), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead(Cursor<T> source) {
        try (source) {
            List<T> next = new ArrayList<>(BATCH);
            T item;
            while ((item = source.next()) != null) {
                next.add(item);
                if (next.size() == BATCH) {
                    queue.put(next);
                    next = new ArrayList<>(BATCH);
                }
            }
            if (!next.isEmpty()) {
                queue.put(next);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // close() was called: stop reading; the source is closed on the way out.
        } catch (IOException | RuntimeException e) {
            queue.clear();
            queue.offer(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() throws IOException {
        while (position == batch.size()) {
            if (finished) {
                return null;
            }
            Object taken;
            try {
                taken = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading messages");
            }
            if (taken == END) {
                finished = true;
                return null;
            }
            if (taken instanceof IOException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (taken instanceof RuntimeException e) {
                throw e;
            }
            batch = (List<T>) taken;
            position = 0;
        }
        return batch.get(position++);
    }

    /** Stops the reader and waits for it, so the source (and its connection) is closed on return. */
    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the message reader");
        }
    }
}
