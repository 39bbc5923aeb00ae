package org.historian.waku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.historian.model.ContentTopic;
import org.historian.model.Hex;
import org.historian.model.StoredMessage;

/**
 * A user-run nwaku node's REST API as a message source: Store v3 queries
 * ({@code GET /store/v3/messages}) paged forward with the node's cursor, and {@code GET /health}.
 * Network errors, timeouts, 5xx and 429 answers are retried with exponential back-off; any other
 * answer that is not what the API documents is an error that names the problem.
 */
public final class StoreNodeClient implements MessageSource {
    private static final ObjectMapper JSON = NwakuRest.JSON;
    private static final long NANOS = 1_000_000_000L;

    /**
     * @param attempts     tries per request, the first included
     * @param maxMessages  a fetch that would deliver more than this is stopped with an error
     * @param maxPageBytes an answer larger than this is refused before it is parsed
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, int pageSize, int attempts, Duration firstBackoff,
                          Duration maxBackoff, long maxMessages, int maxPageBytes) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(30), 100, 4, Duration.ofSeconds(1),
                    Duration.ofSeconds(15), 50_000_000L, 64 * 1024 * 1024);
        }
    }

    private final NwakuRest rest;
    private final Options options;

    public StoreNodeClient(URI base, Options options) {
        this.rest = new NwakuRest(base, new NwakuRest.Limits(options.connectTimeout(), options.requestTimeout(), options.attempts(),
                options.firstBackoff(), options.maxBackoff(), options.maxPageBytes()));
        this.options = options;
    }

    /** Parses and checks a node URL given by the operator. */
    public static URI parseUrl(String text) {
        return NwakuRest.parseUrl(text);
    }

    @Override
    public String describe() {
        return "the store node at " + rest.base();
    }

    @Override
    public Availability check() {
        return rest.health(describe());
    }

    @Override
    public long fetch(List<ContentTopic> topics, String pubsubTopic, long from, long to, PageConsumer pages)
            throws MessageSourceException, InterruptedException {
        if (topics.isEmpty() || from >= to) {
            return 0;
        }
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        long delivered = 0;
        int pageNumber = 0;
        do {
            pageNumber++;
            JsonNode answer = query(topics, pubsubTopic, from * NANOS, to * NANOS - 1, cursor, true, options.pageSize());
            List<StoredMessage> page = parsePage(answer, pageNumber, from, to);
            delivered += page.size();
            if (delivered > options.maxMessages()) {
                throw new MessageSourceException(describe() + " sent more than " + options.maxMessages()
                        + " messages for one request; stopped");
            }
            try {
                pages.accept(page);
            } catch (IOException e) {
                throw new MessageSourceException("storing messages from " + describe() + " failed: " + e.getMessage(), e);
            }
            cursor = textOrNull(answer.get("paginationCursor"), "paginationCursor", pageNumber);
            if (cursor != null && !cursors.add(cursor)) {
                throw new MessageSourceException(describe() + " returned the pagination cursor " + NwakuRest.abbreviate(cursor)
                        + " a second time (page " + pageNumber + "): it would never finish");
            }
        } while (cursor != null);
        return delivered;
    }

    @Override
    public OptionalLong newestTimestamp(List<ContentTopic> topics, String pubsubTopic) throws MessageSourceException,
            InterruptedException {
        List<StoredMessage> newest = newest(topics, pubsubTopic, 1);
        return newest.isEmpty() ? OptionalLong.empty() : OptionalLong.of(newest.get(0).timestamp());
    }

    /** The newest messages on the topics, newest first: one page of at most {@code count}. */
    public List<StoredMessage> newest(List<ContentTopic> topics, String pubsubTopic, int count) throws MessageSourceException,
            InterruptedException {
        if (topics.isEmpty()) {
            return List.of();
        }
        return parsePage(query(topics, pubsubTopic, 0, 0, null, false, count), 1, 0, Long.MAX_VALUE);
    }

    /** Receives one page of a newest-first scan; returns whether to read on. */
    public interface NewestPages {
        boolean page(List<StoredMessage> newestFirst) throws MessageSourceException;
    }

    /**
     * Reads the topics newest first, page by page with the node's cursor, until {@code pages} says
     * stop, the node has no more, or {@code maxMessages} were read: a busy chat is searched without
     * reading all of it.
     *
     * @return how many messages were read
     */
    public long scanNewest(List<ContentTopic> topics, String pubsubTopic, int pageSize, long maxMessages, NewestPages pages)
            throws MessageSourceException, InterruptedException {
        if (topics.isEmpty()) {
            return 0;
        }
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        long read = 0;
        int pageNumber = 0;
        do {
            pageNumber++;
            int size = (int) Math.min(pageSize, maxMessages - read);
            JsonNode answer = query(topics, pubsubTopic, 0, 0, cursor, false, size);
            List<StoredMessage> page = parsePage(answer, pageNumber, 0, Long.MAX_VALUE);
            read += answer.path("messages").size();
            if (!pages.page(page)) {
                break;
            }
            cursor = textOrNull(answer.get("paginationCursor"), "paginationCursor", pageNumber);
            if (cursor != null && !cursors.add(cursor)) {
                throw new MessageSourceException(describe() + " returned the pagination cursor " + NwakuRest.abbreviate(cursor)
                        + " a second time (page " + pageNumber + "): it would never finish");
            }
        } while (cursor != null && read < maxMessages);
        return read;
    }

    private JsonNode query(List<ContentTopic> topics, String pubsubTopic, long startNanos, long endNanos, String cursor,
                           boolean ascending, int pageSize) throws MessageSourceException, InterruptedException {
        StringBuilder query = new StringBuilder("includeData=true");
        query.append("&pubsubTopic=").append(encode(pubsubTopic));
        query.append("&contentTopics=").append(encode(topics.stream().map(StatusContentTopic::toWire)
                .collect(Collectors.joining(","))));
        if (startNanos > 0) {
            query.append("&startTime=").append(startNanos);
        }
        if (endNanos > 0) {
            query.append("&endTime=").append(endNanos);
        }
        if (cursor != null) {
            query.append("&cursor=").append(encode(cursor));
        }
        query.append("&ascending=").append(ascending).append("&pageSize=").append(pageSize);
        URI uri = rest.resolve("/store/v3/messages?" + query);
        NwakuRest.Answer response;
        try {
            response = rest.send(HttpRequest.newBuilder(uri).GET(), options.attempts());
        } catch (IOException e) {
            throw new MessageSourceException(describe() + " did not answer (" + options.attempts() + " attempts): " + NwakuRest.reason(e), e);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new MessageSourceException(describe() + " answered " + response.statusCode() + ": " + NwakuRest.abbreviate(body.strip()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new MessageSourceException(describe() + " answered with something that is not JSON: " + NwakuRest.abbreviate(body.strip()), e);
        }
        if (answer == null || !answer.isObject()) {
            throw new MessageSourceException(describe() + " answered with JSON that is not a store response object");
        }
        JsonNode status = answer.get("statusCode");
        if (status != null && status.isNumber() && status.asInt() != 200) {
            throw new MessageSourceException(describe() + " reports store error " + status.asInt() + ": "
                    + answer.path("statusDesc").asText(""));
        }
        return answer;
    }

    private List<StoredMessage> parsePage(JsonNode answer, int pageNumber, long from, long to) throws MessageSourceException {
        JsonNode messages = answer.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new MessageSourceException(describe() + " page " + pageNumber + ": \"messages\" is missing or not a list");
        }
        List<StoredMessage> page = new ArrayList<>(messages.size());
        int index = 0;
        for (JsonNode entry : messages) {
            index++;
            String where = "page " + pageNumber + ", message " + index;
            StoredMessage message = parseEntry(entry, where);
            if (message != null && message.timestamp() >= from && message.timestamp() < to) {
                page.add(message);
            }
        }
        return page;
    }

    /** One store entry as a stored message, or null when it is not a Status message (another content topic). */
    private StoredMessage parseEntry(JsonNode entry, String where) throws MessageSourceException {
        if (!entry.isObject()) {
            throw new MessageSourceException(describe() + " " + where + ": not an object");
        }
        byte[] hash = decodeHash(textOrNull(entry.get("messageHash"), "messageHash", where), where);
        JsonNode message = entry.get("message");
        if (message == null || !message.isObject()) {
            throw new MessageSourceException(describe() + " " + where + ": \"message\" is missing; was includeData ignored?");
        }
        String contentTopic = textOrNull(message.get("contentTopic"), "contentTopic", where);
        Optional<ContentTopic> topic = StatusContentTopic.fromWire(contentTopic);
        if (topic.isEmpty()) {
            return null;
        }
        JsonNode timestamp = message.get("timestamp");
        if (timestamp == null || !timestamp.canConvertToLong() || !timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            throw new MessageSourceException(describe() + " " + where + ": \"timestamp\" is missing or not a positive integer "
                    + "of nanoseconds");
        }
        byte[] payload = decodeBase64(textOrNull(message.get("payload"), "payload", where), "payload", where);
        return new StoredMessage(new byte[0], timestamp.asLong() / NANOS, topic.get().bytes(), payload, new byte[0], hash, "");
    }

    private byte[] decodeHash(String text, String where) throws MessageSourceException {
        if (text == null) {
            throw new MessageSourceException(describe() + " " + where + ": \"messageHash\" is missing");
        }
        byte[] hash;
        try {
            // Current nwaku writes 0x-hex; older versions wrote base64.
            hash = text.startsWith("0x") ? Hex.decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageSourceException(describe() + " " + where + ": \"messageHash\" is neither hex nor base64", e);
        }
        if (hash.length != 32) {
            throw new MessageSourceException(describe() + " " + where + ": \"messageHash\" is " + hash.length + " bytes, not 32");
        }
        return hash;
    }

    private byte[] decodeBase64(String text, String field, String where) throws MessageSourceException {
        if (text == null) {
            throw new MessageSourceException(describe() + " " + where + ": \"" + field + "\" is missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageSourceException(describe() + " " + where + ": \"" + field + "\" is not base64", e);
        }
    }

    private String textOrNull(JsonNode node, String field, Object where) throws MessageSourceException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MessageSourceException(describe() + " " + (where instanceof Integer page ? "page " + page : where) + ": \""
                    + field + "\" is not a string");
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
