-- Mirror mode: communities this node does not own but keeps online. It follows their archive
-- links on a store node (signed by the community, clock never going back; spec §6 step 1), fetches
-- each new torrent and seeds the newest. The accepted link and its clock are kept in archive_info
-- (magnet_clock, last_magnet_uri) as for an owner's own links; a mirror never publishes them.
CREATE TABLE mirrors (
    community_id  TEXT    PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    added_at      INTEGER NOT NULL,
    -- when the owner sent the newest link accepted (the message's time, unix seconds), or null
    link_sent_at  INTEGER,
    -- the last poll of the store node (unix seconds), or null
    polled_at     INTEGER
);
