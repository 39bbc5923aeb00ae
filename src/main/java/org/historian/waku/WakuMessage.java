package org.historian.waku;

/**
 * A Waku message as nwaku's REST API carries it.
 *
 * @param timestampNanos unix nanoseconds
 * @param meta           empty, or the protected-shard signature
 */
public record WakuMessage(String pubsubTopic, String contentTopic, byte[] payload, int version, long timestampNanos, byte[] meta) {
}
