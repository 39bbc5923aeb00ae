package org.historian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path temp;

    private static String text(Database database, String sql) {
        return database.<String>withConnection(c -> {
            try (ResultSet rows = c.createStatement().executeQuery(sql)) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    @Test
    void createsAPrivateWalDatabaseWithEveryMigrationApplied() {
        Database database = Database.open(temp.resolve("h.db"));
        assertThat(text(database, "PRAGMA journal_mode")).isEqualTo("wal");
        List<String> tables = database.<List<String>>withConnection(c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
        assertThat(tables).contains("communities", "community_topics", "waku_messages", "archive_info", "archives", "events",
                "archive_runs", "settings", "flyway_schema_history");
        assertThat(text(database, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'waku_messages' "
                + "AND sql LIKE '%timestamp, topic%'")).isEqualTo("waku_messages_timestamp_topic");
    }

    @Test
    void theFileIsOwnerOnlyAndReopeningKeepsData() throws Exception {
        Path file = temp.resolve("h.db");
        Database.open(file).withConnection(c -> c.createStatement().executeUpdate("INSERT INTO settings VALUES ('k', 'v')"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Database reopened = Database.open(file);
        long migrations;
        try (var files = Files.list(Path.of(DatabaseTest.class.getResource("/db/migration").toURI()))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
        assertThat(migrations).isGreaterThanOrEqualTo(2);
        assertThat(text(reopened, "SELECT count(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(Long.toString(migrations));
        assertThat(text(reopened, "SELECT value FROM settings")).isEqualTo("v");
    }

    @Test
    void aTransactionCommitsAllOrNothing() {
        Database database = Database.open(temp.resolve("h.db"));
        assertThatThrownBy(() -> database.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO settings VALUES ('a', '1')");
            database.withConnection(inner -> inner.createStatement().executeUpdate("INSERT INTO settings VALUES ('b', '2')"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(text(database, "SELECT count(*) FROM settings")).isEqualTo("0");
    }

    @Test
    void aFileThatIsNotADatabaseGivesAClearError() throws Exception {
        Path file = temp.resolve("h.db");
        Files.writeString(file, "this is not sqlite, just a text file that is long enough to have a header page....");
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void theLatestMigrationKnownToTheFastPathIsTheHighestMigrationFile() throws Exception {
        Path migrations = Path.of(DatabaseTest.class.getResource("/db/migration").toURI());
        int highest;
        try (var files = Files.list(migrations)) {
            highest = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(highest);
    }

    @Test
    void aDatabaseLeftAtAnOlderVersionIsMigratedOnOpen() {
        Path file = temp.resolve("old.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration").target("2").load().migrate();
        try (Database database = Database.open(file)) {
            assertThat(text(database, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"))
                    .isEqualTo(Integer.toString(Database.LATEST_MIGRATION));
            assertThat(text(database, "SELECT name FROM sqlite_master WHERE name = 'store_sync_staging'")).isEqualTo("store_sync_staging");
        }
        // Opening again takes the fast path and finds everything in place.
        try (Database database = Database.open(file)) {
            assertThat(text(database, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(Integer.toString(Database.LATEST_MIGRATION));
        }
    }

    @Test
    void communitiesOfAnOlderDataDirectoryGetTheirUniversalTopic() {
        Path file = temp.resolve("v4.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration").target("4").load().migrate();
        org.historian.model.CommunityId id = org.historian.testing.TestData.communityId(7);
        org.historian.model.ContentTopic channel = org.historian.model.ContentTopic.parse("0x1a2b3c4d");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("INSERT INTO communities (id, name, added_at) VALUES ('" + id.hex() + "', 'Old', 0)");
            // A 2024-era channel topic, and the universal topic typed in by hand as if it were one.
            c.createStatement().executeUpdate("INSERT INTO community_topics VALUES ('" + id.hex() + "', x'1a2b3c4d', 0)");
            c.createStatement().executeUpdate("INSERT INTO community_topics VALUES ('" + id.hex() + "', x'"
                    + id.universalTopic().hex().substring(2) + "', 1)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Database database = Database.open(file)) {
            org.historian.model.Community community = new CommunityRepository(database, java.time.Clock.systemUTC()).find(id)
                    .orElseThrow();
            assertThat(community.topics()).containsExactly(id.universalTopic(), channel);
            assertThat(community.origin(channel)).isEqualTo(org.historian.model.Community.TopicOrigin.EXTRA_TOPIC);
        }
    }
}
