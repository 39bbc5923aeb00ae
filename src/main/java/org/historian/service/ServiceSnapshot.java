package org.historian.service;

import java.time.Instant;
import java.util.List;

/**
 * The whole service at one moment, for the window and the headless log.
 *
 * @param protocolMessage why the protocol is in ERROR, or what to know about it (a port changed)
 * @param publisher       where magnet links go, e.g. "recorded only, not sent to the Waku network"
 */
public record ServiceSnapshot(Protocol protocol, String protocolMessage, TorrentClientStatus engine, List<CommunityStatus> communities,
                              String publisher, Instant takenAt) {
    public enum Protocol { OFF, STARTING, ON, ERROR }

    public ServiceSnapshot {
        communities = List.copyOf(communities);
    }
}
