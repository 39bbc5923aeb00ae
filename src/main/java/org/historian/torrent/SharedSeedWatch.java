package org.historian.torrent;

import bt.event.EventSink;
import bt.event.EventSource;
import bt.metainfo.IMetadataService;
import bt.metainfo.TorrentId;
import bt.module.ClientExecutor;
import bt.module.MessagingAgents;
import bt.net.IConnectionSource;
import bt.net.IMessageDispatcher;
import bt.net.IPeerConnectionPool;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.peer.IPeerRegistry;
import bt.processor.ChainProcessor;
import bt.processor.ContextFinalizer;
import bt.processor.ProcessingContext;
import bt.processor.ProcessingStage;
import bt.processor.Processor;
import bt.processor.ProcessorFactory;
import bt.processor.TorrentProcessorFactory;
import bt.processor.listener.ListenerSource;
import bt.processor.torrent.ChooseFilesStage;
import bt.processor.torrent.CreateSessionStage;
import bt.processor.torrent.FetchTorrentStage;
import bt.processor.torrent.InitializeTorrentProcessingStage;
import bt.processor.torrent.ProcessTorrentStage;
import bt.processor.torrent.TorrentContext;
import bt.processor.torrent.TorrentContextFinalizer;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.data.DataWorker;
import bt.tracker.ITrackerService;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeding without a thread per torrent. Bt's last stage for a torrent file, {@code SeedStage},
 * keeps the torrent's processing alive by sleeping a second at a time until the torrent stops, on
 * a thread of its own: a profile of 1,000 seeding communities showed 1,000 such threads (and Bt's
 * per-client sampling executor, 1,000 more), 20,000 for 10,000 communities. This chain is Bt's own
 * without that stage: once a torrent is processed, one watch for every torrent checks each second
 * whether it stopped and then finalizes it as Bt would have, and only then completes the
 * processing, so Bt's client sees what it saw before.
 */
final class SharedSeedWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSeedWatch.class);
    private static final long CHECK_PERIOD_MS = 1000;

    private record Seeding(TorrentContext context, CompletableFuture<Void> processing) {
    }

    private final TorrentRegistry registry;
    private final ContextFinalizer<TorrentContext> finalizer;
    private final Map<TorrentId, Seeding> seeding = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bt-seed-watch");
        thread.setDaemon(true);
        return thread;
    });

    SharedSeedWatch(TorrentRegistry registry, ContextFinalizer<TorrentContext> finalizer) {
        this.registry = registry;
        this.finalizer = finalizer;
        checks.scheduleWithFixedDelay(this::check, CHECK_PERIOD_MS, CHECK_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Runs Bt's chain up to seeding; the future completes when the torrent stops, as Bt's own does. */
    CompletableFuture<?> process(Processor<TorrentContext> upToSeeding, TorrentContext context, ListenerSource<TorrentContext> listeners) {
        CompletableFuture<Void> processing = new CompletableFuture<>();
        upToSeeding.process(context, listeners).whenComplete((ignored, failure) -> {
            if (failure != null) {
                finalize(context);
                processing.completeExceptionally(failure);
            } else if (context.getTorrentId().isEmpty()) {
                finalize(context);
                processing.complete(null);
            } else {
                seeding.put(context.getTorrentId().get(), new Seeding(context, processing));
            }
        });
        return processing;
    }

    private void check() {
        for (Map.Entry<TorrentId, Seeding> entry : seeding.entrySet()) {
            Optional<TorrentDescriptor> descriptor = registry.getDescriptor(entry.getKey());
            if (descriptor.isEmpty() || !descriptor.get().isActive()) {
                seeding.remove(entry.getKey());
                finalize(entry.getValue().context());
                entry.getValue().processing().complete(null);
            }
        }
    }

    private void finalize(TorrentContext context) {
        try {
            finalizer.finalizeContext(context);
        } catch (RuntimeException e) {
            LOG.warn("finalizing the torrent {} failed", context.getTorrentId().orElse(null), e);
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /** Binds Bt's processor factory to one whose torrent chain ends at {@link SharedSeedWatch}. */
    static final class Module extends AbstractModule {
        @Override
        protected void configure() {
            bind(ProcessorFactory.class).to(Factory.class).in(Singleton.class);
        }
    }

    /** Bt's factory, with the chain for torrent files built as Bt builds it minus its last stage. */
    static final class Factory extends TorrentProcessorFactory {
        private final Processor<TorrentContext> torrents;

        @Inject
        Factory(TorrentRegistry registry, DataWorker dataWorker, IBufferedPieceRegistry bufferedPieces, ITrackerService trackers,
                @ClientExecutor ExecutorService executor, IPeerRegistry peers, IConnectionSource connections,
                IPeerConnectionPool connectionPool, IMessageDispatcher dispatcher, @MessagingAgents Set<Object> agents,
                IMetadataService metadata, EventSource eventSource, EventSink eventSink, Config config,
                IRuntimeLifecycleBinder lifecycle) {
            super(registry, dataWorker, bufferedPieces, trackers, executor, peers, connections, connectionPool, dispatcher, agents,
                    metadata, eventSource, eventSink, config);
            ProcessingStage<TorrentContext> process = new ProcessTorrentStage<>(null, registry, peers, trackers, eventSink);
            ProcessingStage<TorrentContext> chooseFiles = new ChooseFilesStage<>(process, registry, config);
            ProcessingStage<TorrentContext> initialize = new InitializeTorrentProcessingStage<>(chooseFiles, connectionPool, registry,
                    dataWorker, bufferedPieces, eventSink, config);
            ProcessingStage<TorrentContext> session = new CreateSessionStage<>(initialize, registry, eventSource, connections,
                    dispatcher, agents, config);
            ProcessingStage<TorrentContext> fetch = new FetchTorrentStage(session, eventSink);
            Processor<TorrentContext> upToSeeding = new ChainProcessor<>(fetch, executor);
            SharedSeedWatch watch = new SharedSeedWatch(registry, new TorrentContextFinalizer<>(registry, eventSink));
            lifecycle.onShutdown("Stop the seed watch", watch::close);
            this.torrents = (context, listeners) -> watch.process(upToSeeding, context, listeners);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <C extends ProcessingContext> Processor<C> processor(Class<C> contextType) {
            return contextType == TorrentContext.class ? (Processor<C>) torrents : super.processor(contextType);
        }
    }
}
