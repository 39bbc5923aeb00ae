package org.historian.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node that accepts connections on 127.0.0.1 and never answers: what a hung node, a stalled
 * proxy or a black-holing firewall looks like from Historian. No real peer does this on purpose,
 * so it is a stand-in of our own. It reads nothing and writes nothing; it counts connections.
 */
public final class BlackHoleNode implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();

    public BlackHoleNode() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        Thread acceptor = new Thread(this::accept, "black-hole-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                synchronized (held) {
                    held.add(socket);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** A URL on 127.0.0.1 where nothing listens: a node that is off. */
    public static URI nodeThatIsOff() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + probe.getLocalPort());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (held) {
            for (Socket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
