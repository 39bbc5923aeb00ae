-- Torrents: the SHA-1s of each community's data pieces (data is append-only, so a new torrent
-- only hashes what was appended), and the member side: archives fetched from other seeders.

CREATE TABLE piece_hashes (
    community_id TEXT    PRIMARY KEY,
    data_length  INTEGER NOT NULL,                 -- bytes of data the hashes cover
    hashes       BLOB    NOT NULL                  -- 20 bytes per 102400-byte piece
);

-- status-go's community_message_archive_hashes: an archive ID is recorded once downloaded, and
-- marked imported once its messages are in waku_messages.
CREATE TABLE downloaded_archives (
    community_id  TEXT    NOT NULL,
    archive_id    TEXT    NOT NULL,
    from_ts       INTEGER NOT NULL,
    to_ts         INTEGER NOT NULL,
    downloaded_at INTEGER NOT NULL,                -- unix ms
    imported      INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    PRIMARY KEY (community_id, archive_id)
);
