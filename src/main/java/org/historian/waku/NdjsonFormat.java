package org.historian.waku;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.historian.model.Hex;
import org.historian.model.StoredMessage;

/**
 * Historian's NDJSON message format (spec §11): one stored Waku message per line,
 * {@code {"timestamp": 1577840400, "topic": "0x1a2b3c4d", "payload": "0x…", "sig": "0x…",
 * "padding": "0x", "hash": "0x…", "thirdPartyId": ""}}. Parsing is strict: unknown or repeated
 * fields, wrong types and out-of-range values are errors that say which field is wrong.
 */
public final class NdjsonFormat {
    /** Latest timestamp accepted: 9999-12-31T23:59:59Z; larger values are milli- or nanoseconds by mistake. */
    public static final long MAX_TIMESTAMP = 253_402_300_799L;
    /** Longest hash accepted (Waku hashes are 32 bytes). */
    public static final int MAX_HASH_BYTES = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private NdjsonFormat() {
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static StoredMessage parse(String line) {
        Long timestamp = null;
        byte[] topic = null;
        byte[] payload = null;
        byte[] sig = null;
        byte[] padding = null;
        byte[] hash = null;
        String thirdPartyId = null;
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!seen.add(field)) {
                    throw new IllegalArgumentException("field \"" + field + "\" appears twice");
                }
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "timestamp" -> timestamp = timestamp(parser, value);
                    case "topic" -> topic = bytes(parser, value, field);
                    case "payload" -> payload = bytes(parser, value, field);
                    case "sig" -> sig = bytes(parser, value, field);
                    case "padding" -> padding = bytes(parser, value, field);
                    case "hash" -> hash = bytes(parser, value, field);
                    case "thirdPartyId" -> thirdPartyId = string(parser, value, field);
                    default -> throw new IllegalArgumentException("unknown field \"" + field + "\"");
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("malformed JSON object");
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("field \"timestamp\" is missing");
        }
        if (topic == null) {
            throw new IllegalArgumentException("field \"topic\" is missing");
        }
        if (topic.length != 4) {
            throw new IllegalArgumentException("field \"topic\" must be exactly 4 bytes, got " + topic.length);
        }
        if (hash == null || hash.length == 0) {
            throw new IllegalArgumentException("field \"hash\" is missing or empty");
        }
        if (hash.length > MAX_HASH_BYTES) {
            throw new IllegalArgumentException("field \"hash\" is " + hash.length + " bytes, over " + MAX_HASH_BYTES);
        }
        return new StoredMessage(sig, timestamp, topic, payload, padding, hash, thirdPartyId);
    }

    /** Formats one message as a line (without the newline), fields in the order of spec §11. */
    public static String format(StoredMessage message) {
        StringWriter out = new StringWriter(64 + 2 * message.payload().length);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("timestamp", message.timestamp());
            json.writeStringField("topic", Hex.encode(message.topic()));
            json.writeStringField("payload", Hex.encode(message.payload()));
            json.writeStringField("sig", Hex.encode(message.sig()));
            json.writeStringField("padding", Hex.encode(message.padding()));
            json.writeStringField("hash", Hex.encode(message.hash()));
            json.writeStringField("thirdPartyId", message.thirdPartyId());
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private static long timestamp(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("field \"timestamp\" must be an integer (unix seconds)");
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT && parser.getNumberType() != JsonParser.NumberType.LONG) {
            throw new IllegalArgumentException("field \"timestamp\" is out of range");
        }
        long seconds = parser.getLongValue();
        if (seconds < 0) {
            throw new IllegalArgumentException("field \"timestamp\" must not be negative");
        }
        if (seconds > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("field \"timestamp\" " + seconds
                    + " is after the year 9999: it looks like milli- or nanoseconds, but must be unix seconds");
        }
        return seconds;
    }

    private static byte[] bytes(JsonParser parser, JsonToken value, String field) throws IOException {
        String text = string(parser, value, field);
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"" + field + "\": " + e.getMessage(), e);
        }
    }

    private static String string(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string");
        }
        return parser.getText();
    }
}
