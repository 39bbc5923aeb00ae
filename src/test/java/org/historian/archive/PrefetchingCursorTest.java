package org.historian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.historian.model.Cursor;
import org.junit.jupiter.api.Test;

class PrefetchingCursorTest {

    /** Counts up to {@code size}, failing at {@code failAt} if non-negative. */
    private static final class Counting implements Cursor<Integer> {
        final int size;
        final int failAt;
        final AtomicInteger produced = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Counting(int size, int failAt) {
            this.size = size;
            this.failAt = failAt;
        }

        @Override
        public Integer next() throws IOException {
            int n = produced.get();
            if (n == failAt) {
                throw new IOException("disk I/O error at " + n);
            }
            if (n == size) {
                return null;
            }
            return produced.getAndIncrement();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void deliversEveryItemInOrderAcrossBatches() throws Exception {
        Counting source = new Counting(5_000, -1);
        List<Integer> seen = new ArrayList<>();
        try (PrefetchingCursor<Integer> cursor = new PrefetchingCursor<>(source, "test-reader")) {
            Integer item;
            while ((item = cursor.next()) != null) {
                seen.add(item);
            }
            assertThat(cursor.next()).isNull();
        }
        assertThat(seen).hasSize(5_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void aReadErrorReachesTheConsumer() throws Exception {
        Counting source = new Counting(5_000, 1_700);
        try (PrefetchingCursor<Integer> cursor = new PrefetchingCursor<>(source, "test-reader")) {
            assertThatThrownBy(() -> {
                while (cursor.next() != null) {
                    // drain until the failure arrives
                }
            }).isInstanceOf(IOException.class).hasMessage("disk I/O error at 1700");
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() throws Exception {
        Counting source = new Counting(Integer.MAX_VALUE, -1);
        PrefetchingCursor<Integer> cursor = new PrefetchingCursor<>(source, "test-reader");
        assertThat(cursor.next()).isZero();
        cursor.close();
        assertThat(source.closed).isTrue();
        // The reader read ahead at most: the batch taken, eight queued and one being filled.
        assertThat(source.produced.get()).isLessThanOrEqualTo(512 * 10);
    }
}
