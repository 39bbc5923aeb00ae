package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.CommunityId;
import org.historian.model.EventType;
import org.historian.model.HistorianEvent;

/** The persisted event log. */
public final class EventLogRepository {
    private final Database database;

    public EventLogRepository(Database database) {
        this.database = database;
    }

    public void append(HistorianEvent event) {
        database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO events (at, type, community_id, from_ts, to_ts, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, event.at().toEpochMilli());
                insert.setString(2, event.type().signal());
                insert.setString(3, event.community() == null ? null : event.community().hex());
                setNullableLong(insert, 4, event.from());
                setNullableLong(insert, 5, event.to());
                insert.setString(6, event.detail());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The newest events first; {@code community} null for all communities. */
    public List<HistorianEvent> recent(int limit, CommunityId community) {
        return database.withConnection(c -> {
            String sql = "SELECT at, type, community_id, from_ts, to_ts, detail FROM events"
                    + (community == null ? "" : " WHERE community_id = ?") + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int index = 1;
                if (community != null) {
                    select.setString(index++, community.hex());
                }
                select.setInt(index, limit);
                List<HistorianEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(3);
                        events.add(new HistorianEvent(Instant.ofEpochMilli(rows.getLong(1)), EventType.fromSignal(rows.getString(2)),
                                id == null ? null : new CommunityId(id), nullableLong(rows, 4), nullableLong(rows, 5),
                                rows.getString(6)));
                    }
                }
                return events;
            }
        });
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long nullableLong(ResultSet rows, int index) throws java.sql.SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }
}
