package org.historian.waku;

/**
 * A message on the universal chat that is not an archive link at all: every message of a current
 * community travels there, so most of what a reader of that chat meets is this.
 */
public final class NotAnArchiveLinkException extends WakuMessageException {
    public NotAnArchiveLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
