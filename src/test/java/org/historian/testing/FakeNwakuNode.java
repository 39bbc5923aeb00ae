package org.historian.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.historian.model.Hex;
import org.historian.model.StoredMessage;

/**
 * An HTTP server on 127.0.0.1 that answers like nwaku's REST API: store queries with one scripted
 * answer per request, relay and lightpush posts (recorded; answered "OK" unless scripted), health.
 * With {@link #storeWhatIsPublished()} it serves the messages published to it, newest first, as a
 * relay node with a store does.
 */
public final class FakeNwakuNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A scripted answer; {@code hang} never answers (until the node is closed); a
     * {@code declaredLength} above zero is sent as the Content-Length, whatever the body's length,
     * and one below zero sends the body chunked, without a Content-Length.
     */
    public record Answer(int status, String body, boolean hang, long declaredLength) {
        public static Answer json(String body) {
            return new Answer(200, body, false, 0);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, body, false, 0);
        }

        public static Answer hanging() {
            return new Answer(0, "", true, 0);
        }

        /** The body chunked: no Content-Length tells its size in advance. */
        public static Answer chunked(String body) {
            return new Answer(200, body, false, -1);
        }

        /** Headers that promise {@code length} bytes, then a short body and the connection closed. */
        public static Answer declaring(long length) {
            return new Answer(200, "{\"messages\":[", false, length);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    public final List<URI> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> publishAnswers = new ConcurrentLinkedQueue<>();
    /** Every relay or lightpush request, in order. */
    public final List<Posted> posts = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean storeWhatIsPublished;
    private volatile Answer health = Answer.json("{\"nodeHealth\":\"Ready\",\"protocolsHealth\":[]}");

    public FakeNwakuNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/store/v3/messages", exchange -> answer(exchange, storeAnswer(exchange)));
        // go-waku's own store API: scripted answers only.
        server.createContext("/store/v1/messages", exchange -> answer(exchange, answers.poll()));
        server.createContext("/relay/v1/messages/", this::posted);
        server.createContext("/lightpush/v1/message", this::posted);
        server.createContext("/health", exchange -> answer(exchange, health));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeNwakuNode then(Answer answer) {
        answers.add(answer);
        return this;
    }

    /** Scripts the answer to the next relay or lightpush post. */
    public FakeNwakuNode thenOnPublish(Answer answer) {
        publishAnswers.add(answer);
        return this;
    }

    public FakeNwakuNode storeWhatIsPublished() {
        storeWhatIsPublished = true;
        return this;
    }

    /** A recorded post: the raw (still URL-encoded) path and the JSON body. */
    public record Posted(String method, String rawPath, String contentType, String body) {
        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The Waku message of the post, for relay and lightpush alike. */
        public com.fasterxml.jackson.databind.JsonNode message() {
            return rawPath.startsWith("/lightpush") ? json().get("message") : json();
        }
    }

    private void posted(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer = publishAnswers.poll();
        if (answer == null || answer.status() / 100 == 2) {
            posts.add(new Posted(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
        }
        answer(exchange, answer == null ? Answer.json("OK") : answer);
    }

    private Answer storeAnswer(HttpExchange exchange) {
        Answer scripted = answers.poll();
        if (scripted != null || !storeWhatIsPublished) {
            return scripted;
        }
        String query = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        ObjectNode root = JSON.createObjectNode();
        root.put("statusCode", 200);
        ArrayNode list = root.putArray("messages");
        List<Posted> published = new ArrayList<>(posts);
        Collections.reverse(published);
        for (Posted post : published) {
            com.fasterxml.jackson.databind.JsonNode message = post.message();
            if (query.contains("contentTopics=" + message.get("contentTopic").asText())) {
                ObjectNode entry = list.addObject();
                entry.put("messageHash", Hex.encode(org.historian.model.Keccak256.hash(post.body().getBytes(StandardCharsets.UTF_8))));
                entry.set("message", message);
            }
        }
        return Answer.json(root.toString());
    }

    public void health(Answer answer) {
        health = answer;
    }

    private void answer(HttpExchange exchange, Answer answer) throws IOException {
        requests.add(exchange.getRequestURI());
        if (answer == null) {
            answer = Answer.status(500, "no scripted answer left");
        }
        if (answer.hang()) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.declaredLength() > 0) {
            exchange.sendResponseHeaders(answer.status(), answer.declaredLength());
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            exchange.close(); // the promised rest never comes: the connection ends short
            return;
        }
        exchange.sendResponseHeaders(answer.status(), answer.declaredLength() < 0 ? 0 : body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A store v3 page in nwaku's current format (hex hashes and cursor). */
    public static String page(List<StoredMessage> messages, String contentTopicPrefix, String cursor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("requestId", "r");
        root.put("statusCode", 200);
        root.put("statusDesc", "OK");
        ArrayNode list = root.putArray("messages");
        for (StoredMessage m : messages) {
            ObjectNode entry = list.addObject();
            entry.put("messageHash", Hex.encode(m.hash()));
            ObjectNode message = entry.putObject("message");
            message.put("payload", Base64.getEncoder().encodeToString(m.payload()));
            message.put("contentTopic", contentTopicPrefix + Hex.encode(m.topic()) + "/rfc26");
            message.put("version", 1);
            message.put("timestamp", m.timestamp() * 1_000_000_000L + 123);
            message.put("ephemeral", false);
            entry.put("pubsubTopic", "/waku/2/rs/16/32");
        }
        if (cursor != null) {
            root.put("paginationCursor", cursor);
        }
        return root.toString();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
