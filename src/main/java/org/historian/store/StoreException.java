package org.historian.store;

/** A database operation failed; the message names the database file and SQLite's reason. */
public class StoreException extends IllegalStateException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
