package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plain key/value settings; the service layer gives them types and validation. */
public final class SettingsRepository {
    private final Database database;

    public SettingsRepository(Database database) {
        this.database = database;
    }

    public Optional<String> get(String key) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String key, String value) {
        database.withConnection(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, key);
                upsert.setString(2, value);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    public void remove(String key) {
        database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM settings WHERE key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
            return null;
        });
    }

    public Map<String, String> all() {
        return database.withConnection(c -> {
            Map<String, String> all = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT key, value FROM settings ORDER BY key");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.put(rows.getString(1), rows.getString(2));
                }
            }
            return all;
        });
    }
}
