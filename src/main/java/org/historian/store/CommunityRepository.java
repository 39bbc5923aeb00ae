package org.historian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;

/**
 * The communities this node archives, with their extra content topics (the universal chat's is
 * derived from the ID by {@link Community}, never stored).
 */
public final class CommunityRepository {
    private final Database database;
    private final Clock clock;

    public CommunityRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** @throws IllegalStateException when a community with this ID is already present */
    public void add(Community community) {
        database.inTransaction(c -> {
            if (exists(c, community.id())) {
                throw new IllegalStateException("community " + community.id() + " is already added");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO communities (id, name, encrypted, archive_support, signing_key_ref, added_at, pubsub_topic, demo) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, community.id().hex());
                insert.setString(2, community.name());
                insert.setBoolean(3, community.encrypted());
                insert.setBoolean(4, community.archiveSupport());
                insert.setString(5, community.signingKeyRef());
                insert.setLong(6, clock.millis());
                insert.setString(7, community.pubsubTopic());
                insert.setBoolean(8, community.demo());
                insert.executeUpdate();
            }
            writeTopics(c, community);
            return null;
        });
    }

    public Optional<Community> find(CommunityId id) {
        return database.withConnection(c -> {
            List<Community> found = query(c, "WHERE id = ?", id.hex());
            return found.stream().findFirst();
        });
    }

    /** All communities, by name. */
    public List<Community> list() {
        return database.withConnection(c -> query(c, "", null));
    }

    /** Replaces the extra topics; the universal chat's topic stays whatever is given. */
    public void updateExtraTopics(CommunityId id, List<ContentTopic> topics, Map<ContentTopic, String> chatIds) {
        Community updated = find(id).orElseThrow(() -> notFound(id)).withExtraTopics(topics, chatIds); // validates
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM community_topics WHERE community_id = ?")) {
                delete.setString(1, id.hex());
                delete.executeUpdate();
            }
            writeTopics(c, updated);
            return null;
        });
    }

    public void setArchiveSupport(CommunityId id, boolean enabled) {
        update("UPDATE communities SET archive_support = ? WHERE id = ?", id, enabled);
    }

    public void setEncrypted(CommunityId id, boolean encrypted) {
        update("UPDATE communities SET encrypted = ? WHERE id = ?", id, encrypted);
    }

    /** Removes the community and, by cascade, its topics, archive info and ledger. */
    public void remove(CommunityId id) {
        database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM communities WHERE id = ?")) {
                delete.setString(1, id.hex());
                if (delete.executeUpdate() == 0) {
                    throw notFound(id);
                }
            }
            return null;
        });
    }

    private void update(String sql, CommunityId id, boolean value) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setBoolean(1, value);
                update.setString(2, id.hex());
                if (update.executeUpdate() == 0) {
                    throw notFound(id);
                }
            }
            return null;
        });
    }

    private static IllegalArgumentException notFound(CommunityId id) {
        return new IllegalArgumentException("no community " + id + " (add it first)");
    }

    private static boolean exists(Connection c, CommunityId id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM communities WHERE id = ?")) {
            select.setString(1, id.hex());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void writeTopics(Connection c, Community community) throws SQLException {
        List<ContentTopic> topics = community.extraTopics();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO community_topics (community_id, topic, position, chat_id) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < topics.size(); i++) {
                insert.setString(1, community.id().hex());
                insert.setBytes(2, topics.get(i).bytes());
                insert.setInt(3, i);
                insert.setString(4, community.topicChatIds().get(topics.get(i)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Community> query(Connection c, String where, String parameter) throws SQLException {
        Map<String, List<ContentTopic>> topics = new LinkedHashMap<>();
        Map<String, Map<ContentTopic, String>> chatIds = new LinkedHashMap<>();
        String topicSql = "SELECT community_id, topic, chat_id FROM community_topics"
                + (parameter == null ? "" : " WHERE community_id = ?") + " ORDER BY community_id, position";
        try (PreparedStatement select = c.prepareStatement(topicSql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ContentTopic topic = ContentTopic.of(rows.getBytes(2));
                    topics.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(topic);
                    String chatId = rows.getString(3);
                    if (chatId != null) {
                        chatIds.computeIfAbsent(rows.getString(1), k -> new LinkedHashMap<>()).put(topic, chatId);
                    }
                }
            }
        }
        List<Community> communities = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, name, encrypted, archive_support, signing_key_ref, pubsub_topic, demo FROM communities " + where
                        + " ORDER BY name COLLATE NOCASE, id")) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    communities.add(new Community(new CommunityId(id), rows.getString(2), topics.getOrDefault(id, List.of()),
                            chatIds.getOrDefault(id, Map.of()), rows.getBoolean(3), rows.getBoolean(4), rows.getString(5),
                            rows.getString(6), rows.getBoolean(7)));
                }
            }
        }
        return communities;
    }
}
