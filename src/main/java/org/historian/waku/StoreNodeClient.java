package org.historian.waku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.historian.model.ContentTopic;
import org.historian.model.StoredMessage;

/**
 * A user-run Waku node's REST API as a message source: Store v3 queries
 * ({@code GET /store/v3/messages}, nwaku) paged with the node's cursor, and {@code GET /health}.
 * A go-waku node serves no Store v3 (it only asks other nodes for it) but its own store through
 * the older {@code GET /store/v1/messages}: when a node answers a v3 query that way, this client
 * uses v1 with it from then on ({@link StorePages}). Refused connections, 5xx and 429 answers are
 * retried with exponential back-off, a request not answered in time is not; any other answer that is not what the API documents is
 * an error that names the problem.
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

    /** Which store API the node serves; found out with the first query. */
    private enum Api { UNKNOWN, V3, V1 }

    private final NwakuRest rest;
    private final Options options;
    private volatile Api api = Api.UNKNOWN;

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
        long[] delivered = {0};
        walk(new StorePages.Query(topics, pubsubTopic, from * NANOS, to * NANOS - 1, true, options.pageSize()), Long.MAX_VALUE,
                page -> {
                    List<StoredMessage> inRange = page.stream().filter(m -> m.timestamp() >= from && m.timestamp() < to).toList();
                    delivered[0] += inRange.size();
                    if (delivered[0] > options.maxMessages()) {
                        throw new MessageSourceException(describe() + " sent more than " + options.maxMessages()
                                + " messages for one request; stopped");
                    }
                    try {
                        pages.accept(inRange);
                    } catch (IOException e) {
                        throw new MessageSourceException("storing messages from " + describe() + " failed: " + e.getMessage(), e);
                    }
                    return true;
                });
        return delivered[0];
    }

    @Override
    public OptionalLong newestTimestamp(List<ContentTopic> topics, String pubsubTopic) throws MessageSourceException,
            InterruptedException {
        long[] newest = {-1};
        scanNewest(topics, pubsubTopic, 1, 1, page -> {
            page.stream().mapToLong(StoredMessage::timestamp).max().ifPresent(t -> newest[0] = t);
            return false;
        });
        return newest[0] < 0 ? OptionalLong.empty() : OptionalLong.of(newest[0]);
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
        return scanNewest(topics, pubsubTopic, 0, pageSize, maxMessages, pages);
    }

    /** As above, reading only messages sent at {@code sinceSeconds} or later (0: all). */
    public long scanNewest(List<ContentTopic> topics, String pubsubTopic, long sinceSeconds, int pageSize, long maxMessages,
                           NewestPages pages) throws MessageSourceException, InterruptedException {
        if (topics.isEmpty()) {
            return 0;
        }
        long startNanos = sinceSeconds > 0 ? Math.multiplyExact(sinceSeconds, 1_000_000_000L) : 0;
        return walk(new StorePages.Query(topics, pubsubTopic, startNanos, 0, false, pageSize), maxMessages, pages::page);
    }

    /** Pages through a query with the node's cursor; returns how many entries were read. */
    private long walk(StorePages.Query query, long maxMessages, NewestPages pages) throws MessageSourceException,
            InterruptedException {
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        long read = 0;
        int pageNumber = 0;
        do {
            pageNumber++;
            int size = (int) Math.min(query.pageSize(), maxMessages - read);
            StorePages.Page page = page(query.withPageSize(size), cursor, pageNumber);
            read += page.entries();
            if (!pages.page(page.messages())) {
                break;
            }
            cursor = page.cursor();
            if (cursor != null && !cursors.add(cursor)) {
                throw new MessageSourceException(describe() + " returned the pagination cursor " + NwakuRest.abbreviate(cursor)
                        + " a second time (page " + pageNumber + "): it would never finish");
            }
        } while (cursor != null && read < maxMessages);
        return read;
    }

    private StorePages.Page page(StorePages.Query query, String cursor, int pageNumber) throws MessageSourceException,
            InterruptedException {
        if (api != Api.V1) {
            // A go-waku node refuses v3 at once and for good (it only asks other nodes): not retried.
            NwakuRest.Answer answer = get(StorePages.v3Path(query, cursor), StorePages::servesNoV3);
            if (!StorePages.servesNoV3(answer)) {
                JsonNode json = json(answer);
                api = Api.V3;
                return StorePages.v3Page(json, pageNumber, describe());
            }
            api = Api.V1;
        }
        return StorePages.v1Page(json(get(StorePages.v1Path(query, cursor), answer -> false)), query.pubsubTopic(), pageNumber,
                describe());
    }

    private NwakuRest.Answer get(String pathAndQuery, java.util.function.Predicate<NwakuRest.Answer> isFinal)
            throws MessageSourceException, InterruptedException {
        try {
            return rest.send(HttpRequest.newBuilder(rest.resolve(pathAndQuery)).GET(), options.attempts(), isFinal);
        } catch (IOException e) {
            throw new MessageSourceException(describe() + " did not answer: " + NwakuRest.reason(e), e);
        }
    }

    private JsonNode json(NwakuRest.Answer response) throws MessageSourceException {
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

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String contentTopics(List<ContentTopic> topics) {
        return encode(topics.stream().map(StatusContentTopic::toWire).collect(Collectors.joining(",")));
    }
}
