package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.historian.model.CommunityId;

/** The cached SHA-1s of each community's data pieces. */
public final class PieceHashRepository {
    /** Hashes of {@code dataLength} bytes of data, 20 bytes per piece. */
    public record Hashes(long dataLength, byte[] hashes) {
    }

    private final Database database;

    public PieceHashRepository(Database database) {
        this.database = database;
    }

    public Optional<Hashes> load(CommunityId community) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT data_length, hashes FROM piece_hashes WHERE community_id = ?")) {
                select.setString(1, community.hex());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Hashes(rows.getLong(1), rows.getBytes(2))) : Optional.empty();
                }
            }
        });
    }

    public void delete(CommunityId community) {
        database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM piece_hashes WHERE community_id = ?")) {
                delete.setString(1, community.hex());
                delete.executeUpdate();
            }
            return null;
        });
    }

    public void save(CommunityId community, Hashes hashes) {
        database.withConnection(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO piece_hashes (community_id, data_length, hashes) "
                    + "VALUES (?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET data_length = excluded.data_length, "
                    + "hashes = excluded.hashes")) {
                upsert.setString(1, community.hex());
                upsert.setLong(2, hashes.dataLength());
                upsert.setBytes(3, hashes.hashes());
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
