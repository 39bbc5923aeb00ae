package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.historian.model.CommunityId;

/**
 * The per-community archive state. Each setter changes only its own columns: status-go's
 * "save first end date" replaced the whole row and reset the magnet clock (spec §10 item 5).
 */
public final class ArchiveInfoRepository {
    private final Database database;

    public ArchiveInfoRepository(Database database) {
        this.database = database;
    }

    public ArchiveInfo get(CommunityId community) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT last_message_archive_end_date, magnetlink_clock, "
                    + "last_magnetlink_uri FROM archive_info WHERE community_id = ?")) {
                select.setString(1, community.hex());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return ArchiveInfo.NONE;
                    }
                    long end = rows.getLong(1);
                    Long lastEnd = rows.wasNull() ? null : end;
                    return new ArchiveInfo(lastEnd, rows.getLong(2), rows.getString(3));
                }
            }
        });
    }

    public void setLastArchiveEndDate(CommunityId community, long end) {
        database.withConnection(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO archive_info (community_id, last_message_archive_end_date) "
                    + "VALUES (?, ?) ON CONFLICT (community_id) DO UPDATE SET last_message_archive_end_date = excluded.last_message_archive_end_date")) {
                upsert.setString(1, community.hex());
                upsert.setLong(2, end);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    public void setMagnetLink(CommunityId community, long clock, String magnetUri) {
        database.withConnection(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO archive_info (community_id, magnetlink_clock, last_magnetlink_uri) "
                    + "VALUES (?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET magnetlink_clock = excluded.magnetlink_clock, "
                    + "last_magnetlink_uri = excluded.last_magnetlink_uri")) {
                upsert.setString(1, community.hex());
                upsert.setLong(2, clock);
                upsert.setString(3, magnetUri);
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
