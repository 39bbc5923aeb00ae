-- A community's messages by its topics, in the order a run reads them: each archive run, count
-- and oldest/newest lookup reads only the community's own rows. With the (timestamp, ...) indexes
-- alone, every run of every community scanned all communities' messages of its range, and
-- min/max(timestamp) the whole table: start-up time grew with the square of the number of
-- communities. The hash in the key gives a one-topic run its (timestamp, hash) order without a sort.
CREATE INDEX waku_messages_topic_timestamp_hash ON waku_messages (topic, timestamp, hash);
