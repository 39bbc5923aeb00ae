package org.historian.service;

/** Why a member fetch did not finish; the message is meant for the operator. */
public final class FetchFailedException extends Exception {
    public enum Reason {
        /** No peer sent the torrent's metadata in time. */
        METADATA_TIMEOUT,
        /** No piece arrived for the stall timeout. */
        STALLED,
        /** The torrent or its index is not a community folder this node accepts. */
        UNSAFE,
        CANCELLED,
        FAILED
    }

    private final Reason reason;

    public FetchFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
