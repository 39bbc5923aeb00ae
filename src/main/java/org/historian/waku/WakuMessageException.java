package org.historian.waku;

/** A Waku message or one of its layers is not what a Status client accepts; the message says which rule failed. */
public class WakuMessageException extends Exception {
    public WakuMessageException(String message) {
        super(message);
    }

    public WakuMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
