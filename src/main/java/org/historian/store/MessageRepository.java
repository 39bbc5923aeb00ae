package org.historian.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.historian.model.ContentTopic;
import org.historian.model.Cursor;
import org.historian.model.EncodedMessage;
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
                    + "(hash, timestamp, topic, message) VALUES (?, ?, ?, ?)")) {
                for (StoredMessage message : messages) {
                    insert.setBytes(1, message.hash());
                    insert.setLong(2, message.timestamp());
                    insert.setBytes(3, message.topic());
                    insert.setBytes(4, message.encode());
                    inserted += insert.executeUpdate();
                }
            }
            return new InsertResult(inserted, messages.size() - inserted);
        });
    }

    /**
     * The messages of {@code topics} with {@code from <= timestamp < to}, ordered by timestamp
     * then hash (a stable order: the same store always gives the same archive bytes). The
     * cursor holds a connection until closed.
     */
    public Cursor<StoredMessage> cursor(List<ContentTopic> topics, long from, long to) {
        return query(topics, from, to, StoredMessage::decode);
    }

    /** The same messages in the form archives need, without decoding them. */
    public Cursor<EncodedMessage> encodedCursor(List<ContentTopic> topics, long from, long to) {
        return query(topics, from, to, EncodedMessage::of);
    }

    /** Reading only the message column matters: each further column costs a JNI call per row. */
    private <T> Cursor<T> query(List<ContentTopic> topics, long from, long to, Function<byte[], T> reader) {
        if (topics.isEmpty()) {
            return Cursor.empty();
        }
        Connection connection = database.openConnection();
        try {
            // The (topic, timestamp, hash) index gives one topic's rows in order, and only that
            // topic's; several topics are one ordered arm each, merged by SQLite. Over the
            // (timestamp, hash) index every community's run read all communities' rows.
            List<ContentTopic> distinct = topics.stream().distinct().toList(); // a topic twice must not give its rows twice
            String sql;
            if (distinct.size() == 1) {
                sql = "SELECT message FROM waku_messages INDEXED BY waku_messages_topic_timestamp_hash "
                        + "WHERE topic = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp, hash";
            } else {
                String arm = "SELECT message, timestamp, hash FROM waku_messages INDEXED BY waku_messages_topic_timestamp_hash "
                        + "WHERE topic = ? AND timestamp >= ? AND timestamp < ?";
                sql = String.join(" UNION ALL ", Collections.nCopies(distinct.size(), arm)) + " ORDER BY 2, 3";
            }
            PreparedStatement select = connection.prepareStatement(sql);
            int parameter = 1;
            for (ContentTopic topic : distinct) {
                select.setBytes(parameter++, topic.bytes());
                select.setLong(parameter++, from);
                select.setLong(parameter++, to);
            }
            return new ResultSetCursor<>(connection, select, select.executeQuery(), reader);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw database.failure(e);
        }
    }



    /** Deletes every message of these topics; returns how many. */
    public long delete(List<ContentTopic> topics) {
        if (topics.isEmpty()) {
            return 0;
        }
        return database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM waku_messages WHERE topic IN ("
                    + placeholders(topics.size()) + ")")) {
                bindTopics(delete, 1, topics);
                return (long) delete.executeUpdate();
            }
        });
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

    /**
     * Message counts of {@code [from, to)} in buckets of {@code bucketSeconds} starting at
     * {@code from}: entry {@code i} counts {@code [from + i * bucket, from + (i + 1) * bucket)}.
     * Buckets without messages are absent. At most {@code maxBuckets} buckets are counted.
     */
    public java.util.SortedMap<Long, Long> countByBucket(List<ContentTopic> topics, long from, long to, long bucketSeconds,
                                                        int maxBuckets) {
        java.util.SortedMap<Long, Long> counts = new java.util.TreeMap<>();
        if (topics.isEmpty() || from >= to) {
            return counts;
        }
        long end = Math.min(to, from + bucketSeconds * maxBuckets);
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT (timestamp - ?) / ? AS bucket, count(*) FROM waku_messages "
                    + "WHERE timestamp >= ? AND timestamp < ? AND topic IN (" + placeholders(topics.size()) + ") GROUP BY bucket")) {
                select.setLong(1, from);
                select.setLong(2, bucketSeconds);
                select.setLong(3, from);
                select.setLong(4, end);
                bindTopics(select, 5, topics);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            return counts;
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one worth reporting.
        }
    }

    private static final class ResultSetCursor<T> implements Cursor<T> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Function<byte[], T> reader;

        ResultSetCursor(Connection connection, PreparedStatement statement, ResultSet rows, Function<byte[], T> reader) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.reader = reader;
        }

        @Override
        public T next() throws IOException {
            try {
                return rows.next() ? reader.apply(rows.getBytes(1)) : null;
            } catch (IllegalArgumentException e) {
                throw new IOException("a stored message cannot be read: " + e.getMessage(), e);
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
