package org.historian.torrent;

import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.module.BitTorrentProtocol;
import bt.module.PeerConnectionSelector;
import bt.net.ConnectionResult;
import bt.net.DataReceiver;
import bt.net.IConnectionHandlerFactory;
import bt.net.IPeerConnectionFactory;
import bt.net.Peer;
import bt.net.PeerConnectionFactory;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.protocol.Message;
import bt.protocol.crypto.EncryptionPolicy;
import bt.protocol.handler.MessageHandler;
import bt.runtime.Config;
import bt.torrent.TorrentRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.lang.reflect.Field;
import java.nio.channels.SocketChannel;

/**
 * How Historian's peer connections open: every incoming one through {@link MessageStreamEncryption}
 * (plaintext or MSE, whichever the peer opens with), outgoing ones with MSE first and, unless
 * encryption is required, once more in plaintext when the peer would not take MSE (a
 * plaintext-only client closes the connection on the first MSE bytes).
 */
final class PeerHandshakes implements IPeerConnectionFactory {
    private final IPeerConnectionFactory encrypted;
    private final IPeerConnectionFactory plaintext;

    private PeerHandshakes(IPeerConnectionFactory encrypted, IPeerConnectionFactory plaintext) {
        this.encrypted = encrypted;
        this.plaintext = plaintext;
    }

    /** Bt's message for a connection that was never made (nothing answered): no handshake to try again. */
    private static final String NOT_CONNECTED = "I/O error";

    @Override
    public ConnectionResult createOutgoingConnection(Peer peer, TorrentId torrentId) {
        ConnectionResult result = encrypted.createOutgoingConnection(peer, torrentId);
        if (result.isSuccess() || plaintext == null || result.getMessage().filter(NOT_CONNECTED::equals).isPresent()) {
            return result;
        }
        return plaintext.createOutgoingConnection(peer, torrentId);
    }

    @Override
    public ConnectionResult createIncomingConnection(Peer peer, SocketChannel channel) {
        return encrypted.createIncomingConnection(peer, channel);
    }

    /** Binds these connections into Bt's runtime in place of its own factory (a Guice override, as Bt allows). */
    static final class Module extends AbstractModule {
        @Provides
        @Singleton
        IPeerConnectionFactory connections(@PeerConnectionSelector SharedSelector selector, IConnectionHandlerFactory handlers,
                                           @BitTorrentProtocol MessageHandler<Message> protocol, TorrentRegistry torrents,
                                           IChannelPipelineFactory pipelines, IBufferManager buffers, DataReceiver receiver,
                                           EventSource events, Config config) {
            PeerConnectionFactory encrypted = new PeerConnectionFactory(selector, handlers, pipelines, protocol, torrents, buffers,
                    receiver, events, config);
            useHandshake(encrypted, new MessageStreamEncryption(torrents, protocol, config));
            PeerConnectionFactory plaintext = null;
            if (config.getEncryptionPolicy() != EncryptionPolicy.REQUIRE_ENCRYPTED) {
                Config plain = new Config(config);
                plain.setEncryptionPolicy(EncryptionPolicy.PREFER_PLAINTEXT);
                plain.setMseDisabled(true);
                plaintext = new PeerConnectionFactory(selector, handlers, pipelines, protocol, torrents, buffers, receiver, events,
                        plain);
            }
            return new PeerHandshakes(encrypted, plaintext);
        }
    }

    /**
     * Bt's factory makes its handshake processor itself, with no binding to override; Bt 1.10 is
     * its last release, so the field it keeps it in stays where it is. A missing field fails the
     * start of the torrent client, never silently falls back to Bt's handshake.
     */
    static void useHandshake(PeerConnectionFactory factory, MessageStreamEncryption handshake) {
        try {
            Field field = PeerConnectionFactory.class.getDeclaredField("cryptoHandshakeProcessor");
            field.setAccessible(true);
            field.set(factory, handshake);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this version of Bt keeps its encryption handshake elsewhere: " + e, e);
        }
    }
}
