-- Private keys that sign a community's magnet links (community key) and, for a protected shard,
-- its Waku messages (shard key). Only ever stored encrypted: AES-256-GCM under a key derived from
-- the operator's passphrase; kdf names the derivation and its parameters, so they can change.
CREATE TABLE community_keys (
    community_id TEXT    NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('community', 'shard')),
    public_key   TEXT    NOT NULL,
    kdf          TEXT    NOT NULL,
    salt         BLOB    NOT NULL,
    nonce        BLOB    NOT NULL,
    ciphertext   BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (community_id, kind)
);
