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
 * An HTTP server on 127.0.0.1 that answers like nwaku's REST API, one scripted answer per request,
 * and records every request.
 */
public final class FakeStoreNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer; {@code hang} never answers (until the node is closed). */
    public record Answer(int status, String body, boolean hang) {
        public static Answer json(String body) {
            return new Answer(200, body, false);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, body, false);
        }

        public static Answer hanging() {
            return new Answer(0, "", true);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    public final List<URI> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Answer health = Answer.json("{\"nodeHealth\":\"Ready\",\"protocolsHealth\":[]}");

    public FakeStoreNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/store/v3/messages", exchange -> answer(exchange, answers.poll()));
        server.createContext("/health", exchange -> answer(exchange, health));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeStoreNode then(Answer answer) {
        answers.add(answer);
        return this;
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
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
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
