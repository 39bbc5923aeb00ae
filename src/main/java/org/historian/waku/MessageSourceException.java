package org.historian.waku;

/** A message source failed; the message says what and what to do. Nothing from the attempt was stored. */
public class MessageSourceException extends Exception {
    public MessageSourceException(String message) {
        super(message);
    }

    public MessageSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
