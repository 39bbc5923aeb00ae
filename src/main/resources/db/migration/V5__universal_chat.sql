-- Current Status clients send every message of a community on its universal chat
-- (0x<id>-memberUpdate, spec §1, §5.6). Its topic is derived from the community ID and archived
-- for every community, so it is not stored here: community_topics now holds only the extra topics
-- of 2024-era channels, and for those given as a chat ID, that chat ID (to show where each came
-- from). Rows of an older data directory stay as extra topics; one equal to the universal topic is
-- read as the universal topic itself.
ALTER TABLE community_topics ADD COLUMN chat_id TEXT;
