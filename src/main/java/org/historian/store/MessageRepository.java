package org.historian.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.historian.model.ContentTopic;
import org.historian.model.MessageCursor;
import org.historian.model.StoredMessage;

/** Stored Waku messages, deduplicated by hash, read back in timestamp order. */
public final class MessageRepository {
    private final Database database;

    public MessageRepository(Database database) {
        this.database = database;
    }

    /** Result of storing a batch. */
    public record InsertResult(int inserted, int duplicates) {
    }

    /** Stores a batch in one transaction; messages whose hash is already stored are skipped and counted. */
    public InsertResult insert(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return new InsertResult(0, 0);
        }
        return database.inTransaction(c -> {
            int inserted = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO waku_messages "
                    + "(hash, sig, timestamp, topic, payload, padding, third_party_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredMessage message : messages) {
                    insert.setBytes(1, message.hash());
                    insert.setBytes(2, message.sig());
                    insert.setLong(3, message.timestamp());
                    insert.setBytes(4, message.topic());
                    insert.setBytes(5, message.payload());
                    insert.setBytes(6, message.padding());
                    insert.setString(7, message.thirdPartyId());
                    inserted += insert.executeUpdate();
                }
            }
            return new InsertResult(inserted, messages.size() - inserted);
        });
    }

    /**
     * Opens a cursor over the messages of {@code topics} with {@code from <= timestamp < to},
     * ordered by timestamp then hash (a stable order, so the same store always gives the same
     * archive bytes). The cursor holds a connection until closed.
     */
    public MessageCursor cursor(List<ContentTopic> topics, long from, long to) {
        if (topics.isEmpty()) {
            return emptyCursor();
        }
        Connection connection = database.openConnection();
        try {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT sig, timestamp, topic, payload, padding, hash, third_party_id FROM waku_messages "
                            + "WHERE timestamp >= ? AND timestamp < ? AND topic IN (" + placeholders(topics.size()) + ") "
                            + "ORDER BY timestamp, hash");
            select.setFetchSize(1000);
            select.setLong(1, from);
            select.setLong(2, to);
            bindTopics(select, 3, topics);
            return new ResultSetCursor(connection, select, select.executeQuery());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw database.failure(e);
        }
    }

    public long count(List<ContentTopic> topics, long from, long to) {
        if (topics.isEmpty()) {
            return 0;
        }
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM waku_messages "
                    + "WHERE timestamp >= ? AND timestamp < ? AND topic IN (" + placeholders(topics.size()) + ")")) {
                select.setLong(1, from);
                select.setLong(2, to);
                bindTopics(select, 3, topics);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Timestamp of the oldest stored message of these topics. */
    public OptionalLong oldestTimestamp(List<ContentTopic> topics) {
        return extremeTimestamp("min", topics);
    }

    /** Timestamp of the newest stored message of these topics. */
    public OptionalLong newestTimestamp(List<ContentTopic> topics) {
        return extremeTimestamp("max", topics);
    }

    private OptionalLong extremeTimestamp(String function, List<ContentTopic> topics) {
        if (topics.isEmpty()) {
            return OptionalLong.empty();
        }
        String sql = ("max".equals(function) ? "SELECT max(timestamp)" : "SELECT min(timestamp)")
                + " FROM waku_messages WHERE topic IN (" + placeholders(topics.size()) + ")";
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                bindTopics(select, 1, topics);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    long value = rows.getLong(1);
                    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
                }
            }
        });
    }

    /** One {@code ?} per value: the values themselves are always bound as parameters. */
    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static void bindTopics(PreparedStatement statement, int firstIndex, List<ContentTopic> topics) throws SQLException {
        for (int i = 0; i < topics.size(); i++) {
            statement.setBytes(firstIndex + i, topics.get(i).bytes());
        }
    }

    private static MessageCursor emptyCursor() {
        return new MessageCursor() {
            @Override
            public StoredMessage next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one worth reporting.
        }
    }

    private static final class ResultSetCursor implements MessageCursor {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;

        ResultSetCursor(Connection connection, PreparedStatement statement, ResultSet rows) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
        }

        @Override
        public StoredMessage next() throws IOException {
            try {
                if (!rows.next()) {
                    return null;
                }
                return new StoredMessage(rows.getBytes(1), rows.getLong(2), rows.getBytes(3), rows.getBytes(4),
                        rows.getBytes(5), rows.getBytes(6), rows.getString(7));
            } catch (SQLException e) {
                throw new IOException("reading stored messages: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closeQuietly(rows);
            closeQuietly(statement);
            closeQuietly(connection);
        }
    }
}
