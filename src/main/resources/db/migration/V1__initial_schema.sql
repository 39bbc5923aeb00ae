-- Historian's state. Versioned with Flyway: never edit a released migration, add a new one.

-- Communities this node controls.
CREATE TABLE communities (
    id              TEXT    PRIMARY KEY CHECK (length(id) = 68),   -- 0x + 66 hex
    name            TEXT    NOT NULL,
    encrypted       INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
    archive_support INTEGER NOT NULL DEFAULT 1 CHECK (archive_support IN (0, 1)),
    signing_key_ref TEXT,
    added_at        INTEGER NOT NULL                               -- unix ms
);

CREATE TABLE community_topics (
    community_id TEXT    NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    topic        BLOB    NOT NULL CHECK (length(topic) = 4),
    position     INTEGER NOT NULL,
    PRIMARY KEY (community_id, topic)
);

-- Stored Waku messages (spec §7), keyed by topic like status-go's waku_messages. The message is
-- kept as its serialized WakuMessage, the bytes an archive contains, so a run copies one blob per
-- message; the columns beside it are what queries need.
CREATE TABLE waku_messages (
    hash      BLOB    NOT NULL UNIQUE,
    timestamp INTEGER NOT NULL,                                    -- unix seconds
    topic     BLOB    NOT NULL,
    message   BLOB    NOT NULL                                     -- serialized WakuMessage (spec §3)
);
CREATE INDEX waku_messages_timestamp_topic ON waku_messages (timestamp, topic);
-- Archive runs read in (timestamp, hash) order; this index gives that order without a sort.
CREATE INDEX waku_messages_timestamp_hash ON waku_messages (timestamp, hash);

-- Per community: where archiving got to, and the magnet link last published.
CREATE TABLE archive_info (
    community_id                  TEXT    PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    last_message_archive_end_date INTEGER,
    magnetlink_clock              INTEGER NOT NULL DEFAULT 0,
    last_magnetlink_uri           TEXT
);

-- Every archive created: the ledger. The index file is the truth; this adds message counts and times.
CREATE TABLE archives (
    community_id  TEXT    NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    archive_id    TEXT    NOT NULL,
    from_ts       INTEGER NOT NULL,
    to_ts         INTEGER NOT NULL,
    data_offset   INTEGER NOT NULL,
    size          INTEGER NOT NULL,
    padding       INTEGER NOT NULL,
    message_count INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,                                -- unix ms
    PRIMARY KEY (community_id, archive_id)
);
CREATE INDEX archives_by_offset ON archives (community_id, data_offset);

-- The event log (spec §9 events and Historian's own). Kept after a community is removed.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           INTEGER NOT NULL,                                 -- unix ms
    type         TEXT    NOT NULL,
    community_id TEXT,
    from_ts      INTEGER,
    to_ts        INTEGER,
    detail       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX events_by_community ON events (community_id, id);

-- A journal of runs: a run without finished_at was interrupted and is recovered at start-up.
CREATE TABLE archive_runs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id       TEXT    NOT NULL,
    range_start        INTEGER NOT NULL,
    range_end          INTEGER NOT NULL,
    data_length_before INTEGER NOT NULL,
    started_at         INTEGER NOT NULL,
    finished_at        INTEGER,
    outcome            TEXT
);
CREATE INDEX archive_runs_unfinished ON archive_runs (finished_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
