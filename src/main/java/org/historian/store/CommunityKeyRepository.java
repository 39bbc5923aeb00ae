package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.model.KeyKind;

/** Encrypted community and shard keys; this repository never sees a key in plaintext. */
public final class CommunityKeyRepository {
    /**
     * One sealed key.
     *
     * @param publicKey compressed public key, 0x-hex, so keys can be listed while locked
     * @param kdf       how the sealing key was derived from the passphrase, with its parameters
     * @param createdAt unix milliseconds
     */
    public record SealedKey(CommunityId community, KeyKind kind, String publicKey, String kdf, byte[] salt, byte[] nonce,
                            byte[] ciphertext, long createdAt) {
    }

    private final Database database;

    public CommunityKeyRepository(Database database) {
        this.database = database;
    }

    public void put(SealedKey key) {
        database.withConnection(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO community_keys (community_id, kind, public_key, kdf, salt, "
                    + "nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, kind) DO UPDATE SET "
                    + "public_key = excluded.public_key, kdf = excluded.kdf, salt = excluded.salt, nonce = excluded.nonce, "
                    + "ciphertext = excluded.ciphertext, created_at = excluded.created_at")) {
                upsert.setString(1, key.community().hex());
                upsert.setString(2, column(key.kind()));
                upsert.setString(3, key.publicKey());
                upsert.setString(4, key.kdf());
                upsert.setBytes(5, key.salt());
                upsert.setBytes(6, key.nonce());
                upsert.setBytes(7, key.ciphertext());
                upsert.setLong(8, key.createdAt());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    private static final String COLUMNS = "SELECT community_id, kind, public_key, kdf, salt, nonce, ciphertext, created_at "
            + "FROM community_keys";

    public Optional<SealedKey> get(CommunityId community, KeyKind kind) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(COLUMNS + " WHERE community_id = ? AND kind = ?")) {
                select.setString(1, community.hex());
                select.setString(2, column(kind));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(sealedKey(rows)) : Optional.<SealedKey>empty();
                }
            }
        });
    }

    public List<SealedKey> all() {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(COLUMNS + " ORDER BY community_id, kind");
                 ResultSet rows = select.executeQuery()) {
                List<SealedKey> keys = new ArrayList<>();
                while (rows.next()) {
                    keys.add(sealedKey(rows));
                }
                return keys;
            }
        });
    }

    private static SealedKey sealedKey(ResultSet rows) throws java.sql.SQLException {
        return new SealedKey(new CommunityId(rows.getString(1)), KeyKind.valueOf(rows.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rows.getString(3), rows.getString(4), rows.getBytes(5), rows.getBytes(6), rows.getBytes(7), rows.getLong(8));
    }

    /** @return whether a key was removed */
    public boolean remove(CommunityId community, KeyKind kind) {
        return database.withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM community_keys WHERE community_id = ? AND kind = ?")) {
                delete.setString(1, community.hex());
                delete.setString(2, column(kind));
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static String column(KeyKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
