package org.historian.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channels registered from other threads while a loop selects the way Bt's receiving loop does
 * (a 1 s select, again and again) are registered promptly and their data reaches the loop.
 */
class LoopRegisteringSelectorTest {
    private final List<Pipe> pipes = new ArrayList<>();
    private final Set<Object> readByLoop = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private LoopRegisteringSelector selector;
    private Thread loop;

    @AfterEach
    void stop() throws Exception {
        running = false;
        if (selector != null) {
            selector.wakeup();
            selector.close();
        }
        if (loop != null) {
            loop.join(5_000);
        }
        for (Pipe pipe : pipes) {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    private void startLoop() throws IOException {
        selector = new LoopRegisteringSelector(Selector.open(), Duration.ofSeconds(10));
        loop = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            try {
                while (running) {
                    if (selector.select(1000) == 0) {
                        continue;
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        buffer.clear();
                        if (((Pipe.SourceChannel) key.channel()).read(buffer) > 0) {
                            readByLoop.add(key.attachment());
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                // The selector was closed by the test.
            }
        }, "test-receiving-loop");
        loop.start();
    }

    private Pipe.SourceChannel newSource() throws IOException {
        Pipe pipe = Pipe.open();
        pipes.add(pipe);
        pipe.source().configureBlocking(false);
        return pipe.source();
    }

    @Test
    void channelsRegisteredFromManyThreadsDuringLongSelectsAreAllServed() throws Exception {
        startLoop();
        int channels = 200;
        List<Pipe.SourceChannel> sources = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            sources.add(newSource());
        }
        ExecutorService registrars = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> registered = new ArrayList<>();
            for (int i = 0; i < channels; i++) {
                Pipe.SourceChannel source = sources.get(i);
                String attachment = "peer-" + i;
                registered.add(registrars.submit(() -> selector.wakeupAndRegister(source, SelectionKey.OP_READ, attachment)));
            }
            // Registrations that waited for the loop's 1 s selects to end by themselves would take
            // 25 s here (200 channels, 8 at a time); each waits for one wake-up of the loop instead.
            for (Future<?> future : registered) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            registrars.shutdownNow();
        }
        for (Pipe.SourceChannel source : sources) {
            assertThat(selector.keyFor(source)).isPresent();
        }
        for (Pipe pipe : pipes) {
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (readByLoop.size() < channels && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(readByLoop).hasSize(channels);
    }

    @Test
    void aClosedChannelIsRefusedWithAClearError() throws Exception {
        startLoop();
        Pipe.SourceChannel source = newSource();
        source.close();
        assertThatThrownBy(() -> selector.wakeupAndRegister(source, SelectionKey.OP_READ, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Failed to register channel: it is closed");
    }

    @Test
    void withoutARunningLoopRegistrationGivesUpInsteadOfHanging() throws Exception {
        selector = new LoopRegisteringSelector(Selector.open(), Duration.ofMillis(200));
        Pipe.SourceChannel source = newSource();
        assertThatThrownBy(() -> selector.wakeupAndRegister(source, SelectionKey.OP_READ, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Failed to register channel: the receiving loop did not take it within 200 ms");
        // The abandoned registration is not carried out later by a loop that starts afterwards.
        selector.selectNow();
        assertThat(selector.keyFor(source)).isEmpty();
    }

    @Test
    void aClosedSelectorIsRefusedAtOnce() throws Exception {
        selector = new LoopRegisteringSelector(Selector.open(), Duration.ofSeconds(10));
        selector.close();
        Pipe.SourceChannel source = newSource();
        assertThatThrownBy(() -> selector.wakeupAndRegister(source, SelectionKey.OP_READ, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Failed to register channel: the selector is closed");
    }
}
