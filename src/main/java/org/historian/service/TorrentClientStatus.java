package org.historian.service;

import org.historian.torrent.EngineStatus;

/**
 * The torrent client as a whole, in the service's words.
 *
 * @param port    the port actually listened on (may differ from the configured one)
 * @param message what the operator should know: an error, or why the port differs
 */
public record TorrentClientStatus(State state, String listenAddress, int port, String message) {
    public enum State { STOPPED, RUNNING, ERROR }

    public boolean running() {
        return state == State.RUNNING;
    }

    static TorrentClientStatus of(EngineStatus status) {
        return new TorrentClientStatus(State.valueOf(status.state().name()), status.listenAddress(), status.port(), status.message());
    }
}
