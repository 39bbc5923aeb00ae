package org.historian.waku;

/** A magnet link could not be published; the message says why and what to do. */
public class MagnetPublishException extends Exception {
    public MagnetPublishException(String message) {
        super(message);
    }

    public MagnetPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
