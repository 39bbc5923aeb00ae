package org.historian.torrent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Chooses the port to listen on. Bt binds its socket later on a background thread and only logs
 * a failure, so a port in use is found here first, and a free port taken instead.
 */
final class ListenPort {
    record Choice(int port, String problem) {
    }

    private ListenPort() {
    }

    static Choice choose(InetAddress address, int configured) throws IOException {
        if (configured != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress(address, configured));
                return new Choice(configured, "");
            } catch (IOException inUse) {
                int free = free(address);
                return new Choice(free, "port " + configured + " is in use by another program (" + inUse.getMessage()
                        + "); listening on port " + free + " instead. Free the port or choose another one in the settings.");
            }
        }
        return new Choice(free(address), "");
    }

    private static int free(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }
}
