package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.historian.model.CommunityId;

/** Member side: the archives fetched from other seeders, and whether their messages are imported. */
public final class DownloadedArchiveRepository {
    private final Database database;

    public DownloadedArchiveRepository(Database database) {
        this.database = database;
    }

    public void recordDownloaded(CommunityId community, String archiveId, long from, long to, long at) {
        database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO downloaded_archives "
                    + "(community_id, archive_id, from_ts, to_ts, downloaded_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, community.hex());
                insert.setString(2, archiveId);
                insert.setLong(3, from);
                insert.setLong(4, to);
                insert.setLong(5, at);
                insert.executeUpdate();
            }
            return null;
        });
    }

    public void markImported(CommunityId community, String archiveId) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE downloaded_archives SET imported = 1 WHERE community_id = ? AND archive_id = ?")) {
                update.setString(1, community.hex());
                update.setString(2, archiveId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public void deleteAll(CommunityId community) {
        database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM downloaded_archives WHERE community_id = ?")) {
                delete.setString(1, community.hex());
                delete.executeUpdate();
            }
            return null;
        });
    }

    public Set<String> downloaded(CommunityId community) {
        return ids("SELECT archive_id FROM downloaded_archives WHERE community_id = ?", community);
    }

    public Set<String> imported(CommunityId community) {
        return ids("SELECT archive_id FROM downloaded_archives WHERE community_id = ? AND imported = 1", community);
    }

    private Set<String> ids(String sql, CommunityId community) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setString(1, community.hex());
                Set<String> ids = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }
}
