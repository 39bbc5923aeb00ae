package org.historian.torrent;

/** Why a fetch did not finish; the message is meant for the operator. */
public class FetchException extends Exception {
    public enum Reason { METADATA_TIMEOUT, STALLED, UNSAFE, CANCELLED, FAILED }

    private final Reason reason;

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
