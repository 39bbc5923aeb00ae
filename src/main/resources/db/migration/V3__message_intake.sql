-- Message intake: each community's pubsub topic (where its messages and magnet links travel), a
-- flag for generated demo data, and a staging area so a sync from a store node that fails half
-- way stores nothing.

ALTER TABLE communities ADD COLUMN pubsub_topic TEXT NOT NULL DEFAULT '/waku/2/rs/16/32';
ALTER TABLE communities ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));

CREATE TABLE store_sync_staging (
    sync_id   INTEGER NOT NULL,
    hash      BLOB    NOT NULL,
    timestamp INTEGER NOT NULL,
    topic     BLOB    NOT NULL,
    message   BLOB    NOT NULL,
    PRIMARY KEY (sync_id, hash)
);
