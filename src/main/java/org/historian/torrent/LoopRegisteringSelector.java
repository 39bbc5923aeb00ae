package org.historian.torrent;

import bt.module.PeerConnectionSelector;
import bt.net.SharedSelector;
import bt.service.IRuntimeLifecycleBinder;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bt's peer selector with channel registration that cannot starve.
 *
 * <p>Bt 1.10 registers every new peer connection by spinning on a lock that its receiving loop
 * holds for the whole of each {@code select} and takes again at once. On a busy or single-CPU
 * machine the spinning thread can miss that gap for many seconds, so connections time out before
 * their handshake and fetches fail with "no peer could be reached" (fixed upstream in Bt's pull
 * request 252, never released). Here a registering thread queues its channel and wakes the loop;
 * the loop's own thread registers queued channels before each select, which is where the JDK
 * wants registrations done.
 */
final class LoopRegisteringSelector extends SharedSelector {
    /** Longer than any select Bt makes (1 s), so only a loop that has stopped runs into it. */
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(10);

    private record Registration(SelectableChannel channel, int ops, Object attachment, CompletableFuture<Void> done) {
    }

    /** Replaces Bt's selector in a runtime: {@code BtRuntime.builder(config).module(new LoopRegisteringSelector.Module())}. */
    public static final class Module extends AbstractModule {
        @Provides
        @Singleton
        @PeerConnectionSelector
        public SharedSelector selector(IRuntimeLifecycleBinder lifecycle) {
            Selector selector;
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector for peer connections", e);
            }
            LoopRegisteringSelector shared = new LoopRegisteringSelector(selector, REGISTRATION_TIMEOUT);
            lifecycle.onShutdown("Close the peer selector", () -> {
                try {
                    shared.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return shared;
        }
    }

    private final Selector delegate;
    private final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
    private final Duration registrationTimeout;
    private volatile Thread selectingThread;

    LoopRegisteringSelector(Selector delegate, Duration registrationTimeout) {
        super(delegate);
        this.delegate = delegate;
        this.registrationTimeout = registrationTimeout;
    }

    @Override
    public int select(long timeout) throws IOException {
        registerPending();
        return delegate.select(timeout);
    }

    @Override
    public int select() throws IOException {
        registerPending();
        return delegate.select();
    }

    @Override
    public int selectNow() throws IOException {
        registerPending();
        return delegate.selectNow();
    }

    /** Runs on the selecting thread, between selects. */
    private void registerPending() {
        selectingThread = Thread.currentThread();
        Registration registration;
        while ((registration = pending.poll()) != null) {
            try {
                registration.channel().register(delegate, registration.ops(), registration.attachment());
                registration.done().complete(null);
            } catch (ClosedChannelException | RuntimeException e) {
                registration.done().completeExceptionally(e);
            }
        }
    }

    /**
     * Registers the channel through the selecting thread and returns once it is registered, as
     * Bt expects (it sets the channel's interest right after). Fails rather than wait forever
     * when the selector is closed or its loop has stopped.
     */
    @Override
    public void wakeupAndRegister(SelectableChannel channel, int ops, Object attachment) {
        if (Thread.currentThread() == selectingThread) {
            registerNow(channel, ops, attachment);
            return;
        }
        if (!delegate.isOpen()) {
            throw new IllegalStateException("Failed to register channel: the selector is closed");
        }
        Registration registration = new Registration(channel, ops, attachment, new CompletableFuture<>());
        pending.add(registration);
        delegate.wakeup();
        try {
            registration.done().get(registrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof ClosedChannelException ? "it is closed" : String.valueOf(e.getCause());
            throw new IllegalStateException("Failed to register channel: " + reason, e.getCause());
        } catch (TimeoutException e) {
            pending.remove(registration);
            throw new IllegalStateException("Failed to register channel: the receiving loop did not take it within "
                    + registrationTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.remove(registration);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Failed to register channel: interrupted", e);
        }
    }

    private void registerNow(SelectableChannel channel, int ops, Object attachment) {
        try {
            channel.register(delegate, ops, attachment);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("Failed to register channel: it is closed", e);
        }
    }
}
