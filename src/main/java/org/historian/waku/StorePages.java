package org.historian.waku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.historian.model.ContentTopic;
import org.historian.model.Hex;
import org.historian.model.StoredMessage;

/**
 * The two store APIs a Waku node's REST server may offer, as pages of stored messages:
 * <ul>
 *   <li>Store v3 ({@code /store/v3/messages}, nwaku): entries with {@code messageHash} and the
 *       message, a string {@code paginationCursor};</li>
 *   <li>the older v1 ({@code /store/v1/messages}, go-waku's own store): bare messages and a
 *       cursor object {@code {pubsubTopic, senderTime, storeTime, digest}}. It carries no message
 *       hash, so the hash is computed as Waku defines it (and nwaku reports it): SHA-256 of
 *       pubsub topic, payload, content topic, meta and the timestamp as 8 bytes big-endian.</li>
 * </ul>
 * Answers map to stored messages the same way: base64 payloads, nanoseconds to seconds, the
 * content topic to its 4 bytes (messages of other topics are skipped).
 */
final class StorePages {
    private static final long NANOS = 1_000_000_000L;

    private StorePages() {
    }

    /** One query: {@code startNanos}/{@code endNanos} 0 for open ends. */
    record Query(List<ContentTopic> topics, String pubsubTopic, long startNanos, long endNanos, boolean ascending, int pageSize) {
        Query withPageSize(int size) {
            return new Query(topics, pubsubTopic, startNanos, endNanos, ascending, size);
        }
    }

    /**
     * @param entries  entries the node sent, Status messages or not
     * @param cursor   where the next page starts (opaque), or null on the last page
     */
    record Page(List<StoredMessage> messages, int entries, String cursor) {
    }

    /** Whether a node answered a v3 query as one that has no Store v3 service (go-waku: it only asks other nodes). */
    static boolean servesNoV3(NwakuRest.Answer answer) {
        String body = answer.text();
        return answer.statusCode() >= 500 && (body.contains("store-query/3.0.0") || body.contains("dial to self attempted"));
    }

    static String v3Path(Query query, String cursor) {
        StringBuilder path = new StringBuilder("/store/v3/messages?includeData=true");
        common(path, query);
        if (cursor != null) {
            path.append("&cursor=").append(StoreNodeClient.encode(cursor));
        }
        return path.toString();
    }

    static String v1Path(Query query, String cursor) throws MessageSourceException {
        StringBuilder path = new StringBuilder("/store/v1/messages?");
        common(path, query);
        if (cursor != null) {
            JsonNode position = readCursor(cursor);
            path.append("&senderTime=").append(StoreNodeClient.encode(position.path("senderTime").asText()));
            path.append("&storeTime=").append(StoreNodeClient.encode(position.path("storeTime").asText()));
            // The node reads the digest as URL-safe base64 although it writes standard base64.
            path.append("&digest=").append(StoreNodeClient.encode(position.path("digest").asText().replace('+', '-').replace('/', '_')));
        }
        return path.toString();
    }

    private static void common(StringBuilder path, Query query) {
        path.append(path.charAt(path.length() - 1) == '?' ? "" : "&");
        path.append("pubsubTopic=").append(StoreNodeClient.encode(query.pubsubTopic()));
        path.append("&contentTopics=").append(StoreNodeClient.contentTopics(query.topics()));
        if (query.startNanos() > 0) {
            path.append("&startTime=").append(query.startNanos());
        }
        if (query.endNanos() > 0) {
            path.append("&endTime=").append(query.endNanos());
        }
        path.append("&ascending=").append(query.ascending()).append("&pageSize=").append(query.pageSize());
    }

    static Page v3Page(JsonNode answer, int pageNumber, String node) throws MessageSourceException {
        JsonNode messages = answer.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new MessageSourceException(node + " page " + pageNumber + ": \"messages\" is missing or not a list");
        }
        List<StoredMessage> page = new ArrayList<>(messages.size());
        int index = 0;
        for (JsonNode entry : messages) {
            String where = "page " + pageNumber + ", message " + ++index;
            if (!entry.isObject()) {
                throw new MessageSourceException(node + " " + where + ": not an object");
            }
            byte[] hash = decodeHash(text(entry.get("messageHash"), "messageHash", where, node), where, node);
            JsonNode message = entry.get("message");
            if (message == null || !message.isObject()) {
                throw new MessageSourceException(node + " " + where + ": \"message\" is missing; was includeData ignored?");
            }
            toStored(message, hash, where, node).ifPresent(page::add);
        }
        return new Page(page, messages.size(), text(answer.get("paginationCursor"), "paginationCursor", "page " + pageNumber, node));
    }

    static Page v1Page(JsonNode answer, String pubsubTopic, int pageNumber, String node) throws MessageSourceException {
        JsonNode error = answer.get("error_message");
        if (error != null && error.isTextual() && !error.asText().isEmpty()) {
            throw new MessageSourceException(node + " reports a store error: " + NwakuRest.abbreviate(error.asText()));
        }
        JsonNode messages = answer.get("messages");
        if (messages != null && !messages.isNull() && !messages.isArray()) {
            throw new MessageSourceException(node + " page " + pageNumber + ": \"messages\" is not a list");
        }
        List<StoredMessage> page = new ArrayList<>();
        int index = 0;
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                String where = "page " + pageNumber + ", message " + ++index;
                if (!message.isObject()) {
                    throw new MessageSourceException(node + " " + where + ": not an object");
                }
                toStored(message, messageHash(pubsubTopic, message, where, node), where, node).ifPresent(page::add);
            }
        }
        JsonNode cursor = answer.get("cursor");
        String next = null;
        if (cursor != null && !cursor.isNull()) {
            if (!cursor.isObject() || !cursor.path("digest").isTextual()) {
                throw new MessageSourceException(node + " page " + pageNumber + ": \"cursor\" is not a store cursor");
            }
            next = cursor.toString();
        }
        return new Page(page, index, next);
    }

    /** A message of a page as a stored message, or empty when it is not a Status message (another content topic). */
    private static Optional<StoredMessage> toStored(JsonNode message, byte[] hash, String where, String node)
            throws MessageSourceException {
        Optional<ContentTopic> topic = StatusContentTopic.fromWire(text(message.get("contentTopic"), "contentTopic", where, node));
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        long nanos = nanos(message, where, node);
        byte[] payload = base64(text(message.get("payload"), "payload", where, node), "payload", where, node);
        return Optional.of(new StoredMessage(new byte[0], nanos / NANOS, topic.get().bytes(), payload, new byte[0], hash, ""));
    }

    private static long nanos(JsonNode message, String where, String node) throws MessageSourceException {
        JsonNode timestamp = message.get("timestamp");
        long value = -1;
        if (timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
            value = timestamp.asLong();
        }
        if (value <= 0) {
            throw new MessageSourceException(node + " " + where + ": \"timestamp\" is missing or not a positive integer of nanoseconds");
        }
        return value;
    }

    /** The message hash of 14/WAKU2-MESSAGE: SHA-256(pubsub topic ‖ payload ‖ content topic ‖ meta ‖ timestamp, 8 bytes big-endian). */
    static byte[] messageHash(String pubsubTopic, JsonNode message, String where, String node) throws MessageSourceException {
        byte[] payload = base64(text(message.get("payload"), "payload", where, node), "payload", where, node);
        String meta = text(message.get("meta"), "meta", where, node);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(pubsubTopic.getBytes(StandardCharsets.UTF_8));
            sha256.update(payload);
            sha256.update(text(message.get("contentTopic"), "contentTopic", where, node).getBytes(StandardCharsets.UTF_8));
            sha256.update(meta == null ? new byte[0] : base64(meta, "meta", where, node));
            sha256.update(ByteBuffer.allocate(8).putLong(nanos(message, where, node)).array());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    private static byte[] decodeHash(String text, String where, String node) throws MessageSourceException {
        if (text == null) {
            throw new MessageSourceException(node + " " + where + ": \"messageHash\" is missing");
        }
        byte[] hash;
        try {
            // Current nwaku writes 0x-hex; older versions wrote base64.
            hash = text.startsWith("0x") ? Hex.decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageSourceException(node + " " + where + ": \"messageHash\" is neither hex nor base64", e);
        }
        if (hash.length != 32) {
            throw new MessageSourceException(node + " " + where + ": \"messageHash\" is " + hash.length + " bytes, not 32");
        }
        return hash;
    }

    private static byte[] base64(String text, String field, String where, String node) throws MessageSourceException {
        if (text == null) {
            throw new MessageSourceException(node + " " + where + ": \"" + field + "\" is missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageSourceException(node + " " + where + ": \"" + field + "\" is not base64", e);
        }
    }

    private static String text(JsonNode node, String field, String where, String describe) throws MessageSourceException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MessageSourceException(describe + " " + where + ": \"" + field + "\" is not a string");
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    private static JsonNode readCursor(String cursor) throws MessageSourceException {
        try {
            JsonNode node = NwakuRest.JSON.readTree(cursor);
            if (node instanceof ObjectNode) {
                return node;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new MessageSourceException("a v1 store cursor that is not a cursor object: " + NwakuRest.abbreviate(cursor));
    }
}
