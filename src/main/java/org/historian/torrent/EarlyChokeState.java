package org.historian.torrent;

import bt.module.ServiceModule;
import bt.protocol.Choke;
import bt.protocol.Unchoke;
import bt.torrent.annotation.Consumes;
import bt.torrent.messaging.MessageContext;
import com.google.inject.AbstractModule;

/**
 * Keeps a peer's choke state from the first message of a connection. Bt 1.10 starts tracking
 * {@code choke}/{@code unchoke} only once a magnet link's metadata has arrived; a seeder that
 * unchokes at once, before the metadata exchange (anacrolix/torrent, status-go's library, does),
 * was then taken as choking for good, and a fetch got the metadata and never a piece. As a
 * messaging agent of the whole runtime it sees every message from the start; afterwards Bt's own
 * consumer sets the same state.
 */
public final class EarlyChokeState {
    @Consumes
    public void consume(Choke choke, MessageContext context) {
        context.getConnectionState().setPeerChoking(true);
    }

    @Consumes
    public void consume(Unchoke unchoke, MessageContext context) {
        context.getConnectionState().setPeerChoking(false);
    }

    /** Adds the agent to Bt's runtime. */
    static final class Module extends AbstractModule {
        @Override
        protected void configure() {
            ServiceModule.contributeMessagingAgent(binder()).addBinding().toInstance(new EarlyChokeState());
        }
    }
}
