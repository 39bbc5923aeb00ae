package org.historian.torrent;

/**
 * The torrent client as a whole.
 *
 * @param port    the port actually listened on (may differ from the configured one)
 * @param message what the operator should know: an error, or why the port differs
 */
public record EngineStatus(State state, String listenAddress, int port, String message) {
    public enum State { STOPPED, RUNNING, ERROR }

    public static EngineStatus stopped() {
        return new EngineStatus(State.STOPPED, null, 0, "");
    }
}
