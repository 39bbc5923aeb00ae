package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.historian.model.CommunityId;

/** The communities this node mirrors (it does not own them), and what it last saw of their links. */
public final class MirrorRepository {
    /**
     * @param linkSentAt when the owner sent the newest link accepted, unix seconds, or null
     * @param polledAt   the last poll of the store node, unix seconds, or null
     */
    public record Mirror(CommunityId community, long addedAt, Long linkSentAt, Long polledAt) {
    }

    private final Database database;

    public MirrorRepository(Database database) {
        this.database = database;
    }

    /** Marks an added community as mirrored. */
    public void add(CommunityId community, long at) {
        database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO mirrors (community_id, added_at) VALUES (?, ?)")) {
                insert.setString(1, community.hex());
                insert.setLong(2, at);
                insert.executeUpdate();
            }
            return null;
        });
    }

    public boolean isMirror(CommunityId community) {
        return find(community).isPresent();
    }

    public Optional<Mirror> find(CommunityId community) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT community_id, added_at, link_sent_at, polled_at FROM mirrors WHERE community_id = ?")) {
                select.setString(1, community.hex());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<Mirror>empty();
                }
            }
        });
    }

    public Map<CommunityId, Mirror> all() {
        return database.withConnection(c -> {
            Map<CommunityId, Mirror> all = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT community_id, added_at, link_sent_at, polled_at FROM mirrors ORDER BY community_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Mirror mirror = read(rows);
                    all.put(mirror.community(), mirror);
                }
            }
            return all;
        });
    }

    public void setPolled(CommunityId community, long at) {
        update("UPDATE mirrors SET polled_at = ? WHERE community_id = ?", community, at);
    }

    public void setLinkSentAt(CommunityId community, long at) {
        update("UPDATE mirrors SET link_sent_at = ? WHERE community_id = ?", community, at);
    }

    private void update(String sql, CommunityId community, long value) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setLong(1, value);
                update.setString(2, community.hex());
                update.executeUpdate();
            }
            return null;
        });
    }

    private static Mirror read(ResultSet rows) throws java.sql.SQLException {
        long sent = rows.getLong(3);
        Long linkSentAt = rows.wasNull() ? null : sent;
        long polled = rows.getLong(4);
        Long polledAt = rows.wasNull() ? null : polled;
        return new Mirror(new CommunityId(rows.getString(1)), rows.getLong(2), linkSentAt, polledAt);
    }
}
