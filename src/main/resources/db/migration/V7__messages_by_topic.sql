-- A community's messages by its topics: each archive run, count and oldest/newest lookup reads only
-- the community's own rows. With the (timestamp, ...) indexes alone, every run of every community
-- scanned all communities' messages of its range, and min/max(timestamp) the whole table: start-up
-- time grew with the square of the number of communities. Rows of one timestamp are put in hash
-- order by a small sort of just those rows ("temp b-tree for right part of order by").
CREATE INDEX waku_messages_topic_timestamp ON waku_messages (topic, timestamp);
