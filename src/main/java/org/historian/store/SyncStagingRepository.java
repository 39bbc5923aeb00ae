package org.historian.store;

import java.sql.PreparedStatement;
import java.util.List;
import org.historian.model.StoredMessage;

/**
 * Messages of a sync in progress, kept apart until the whole sync succeeded: then they enter
 * {@code waku_messages} in one transaction; if it failed, they are dropped. A sync that breaks
 * half-way leaves no half of a range that would later look complete.
 */
public final class SyncStagingRepository {
    private final Database database;

    public SyncStagingRepository(Database database) {
        this.database = database;
    }

    /** A new sync's ID: random, so concurrent syncs never share one. */
    public long begin() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    public void add(long syncId, List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO store_sync_staging "
                    + "(sync_id, hash, timestamp, topic, message) VALUES (?, ?, ?, ?, ?)")) {
                for (StoredMessage message : messages) {
                    insert.setLong(1, syncId);
                    insert.setBytes(2, message.hash());
                    insert.setLong(3, message.timestamp());
                    insert.setBytes(4, message.topic());
                    insert.setBytes(5, message.encode());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Moves the sync's messages into the store in one transaction; returns how many were new. */
    public long commit(long syncId) {
        return database.inTransaction(c -> {
            int inserted;
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO waku_messages (hash, timestamp, topic, message) "
                    + "SELECT hash, timestamp, topic, message FROM store_sync_staging WHERE sync_id = ? ORDER BY timestamp, hash")) {
                insert.setLong(1, syncId);
                inserted = insert.executeUpdate();
            }
            discard(syncId);
            return (long) inserted;
        });
    }

    public void discard(long syncId) {
        database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM store_sync_staging WHERE sync_id = ?")) {
                delete.setLong(1, syncId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Drops what syncs interrupted by a crash left behind. */
    public void discardAll() {
        database.withConnection(c -> c.createStatement().executeUpdate("DELETE FROM store_sync_staging"));
    }
}
