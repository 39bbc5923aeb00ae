package org.historian.torrent;

import bt.metainfo.TorrentId;
import bt.protocol.IExtendedHandshakeFactory;
import bt.protocol.extended.ExtendedHandshake;
import bt.protocol.extended.ExtendedHandshakeFactory;
import bt.protocol.extended.ExtendedMessageTypeMapping;
import bt.runtime.Config;
import bt.service.ApplicationService;
import bt.torrent.TorrentRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bt's extended handshakes, kept only once they announce the torrent's metadata size.
 *
 * <p>Bt builds the handshake of a torrent once and keeps it for the life of the runtime. A torrent
 * first met through a magnet link has no metadata yet, so its handshake lacks
 * {@code metadata_size}; when the same runtime later seeds that torrent (a mirror seeds what it
 * fetched), every peer still gets the handshake without it, and peers that fetch by magnet link
 * (anacrolix, as in status-go; aria2c) never ask for the metadata. Here a handshake built before
 * the metadata was known is used for that connection only; Bt's own factory builds each one.
 */
final class HandshakesWithMetadata extends ExtendedHandshakeFactory {
    private final TorrentRegistry torrents;
    private final ExtendedMessageTypeMapping messageTypes;
    private final ApplicationService application;
    private final Config config;
    private final ConcurrentMap<TorrentId, ExtendedHandshake> withMetadata = new ConcurrentHashMap<>();

    @Inject
    HandshakesWithMetadata(TorrentRegistry torrents, ExtendedMessageTypeMapping messageTypes, ApplicationService application,
                           Config config) {
        super(torrents, messageTypes, application, config);
        this.torrents = torrents;
        this.messageTypes = messageTypes;
        this.application = application;
        this.config = config;
    }

    @Override
    public ExtendedHandshake getHandshake(TorrentId torrentId) {
        ExtendedHandshake kept = withMetadata.get(torrentId);
        if (kept != null) {
            return kept;
        }
        boolean metadataKnown = torrents.getTorrent(torrentId).isPresent();
        // A fresh Bt factory has nothing cached: it builds the handshake from what the registry holds now.
        ExtendedHandshake built = new ExtendedHandshakeFactory(torrents, messageTypes, application, config).getHandshake(torrentId);
        if (metadataKnown) {
            ExtendedHandshake raced = withMetadata.putIfAbsent(torrentId, built);
            return raced != null ? raced : built;
        }
        return built;
    }

    /** Replaces Bt's factory in its runtime. */
    static final class Module extends AbstractModule {
        @Override
        protected void configure() {
            bind(ExtendedHandshakeFactory.class).to(HandshakesWithMetadata.class).in(Singleton.class);
            bind(IExtendedHandshakeFactory.class).to(HandshakesWithMetadata.class).in(Singleton.class);
        }
    }
}
