package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A community's queue on the service's real scheduler: a task that throws, even an Error, is reported and the queue goes on. */
class SerialQueueTest {
    @Test
    void aTaskThatThrowsAnErrorIsReportedAndTheNextTasksRun() throws Exception {
        try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(1, Clock.systemUTC())) {
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            SerialQueue queue = new SerialQueue(scheduler, reported::add);
            CountDownLatch next = new CountDownLatch(2);
            queue.submit(() -> {
                throw new StackOverflowError("a task gone wrong");
            });
            queue.submit(next::countDown);
            queue.submit(() -> {
                throw new IllegalStateException("another");
            });
            queue.submit(next::countDown);
            assertThat(next.await(10, TimeUnit.SECONDS)).as("the tasks after the failures ran").isTrue();
            assertThat(reported).extracting(Throwable::getMessage).containsExactly("a task gone wrong", "another");

            // Later submissions still run: the queue is not left draining.
            CountDownLatch later = new CountDownLatch(1);
            queue.submit(later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
