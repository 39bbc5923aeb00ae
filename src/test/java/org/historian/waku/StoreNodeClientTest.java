package org.historian.waku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.historian.model.Keccak256;
import org.historian.model.StoredMessage;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.historian.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The nwaku REST client against a local server that answers as nwaku documents, and as it should not. */
class StoreNodeClientTest {
    private static final long FROM = TestData.JAN_1_2020;
    private static final long TO = TestData.JAN_1_2020 + TestData.WEEK;

    private FakeNwakuNode node;
    private StoreNodeClient client;

    @BeforeEach
    void start() throws Exception {
        node = new FakeNwakuNode();
        client = new StoreNodeClient(node.url(), new StoreNodeClient.Options(Duration.ofSeconds(2), Duration.ofMillis(700), 2, 3,
                Duration.ofMillis(10), Duration.ofMillis(40), 1_000, 1024 * 1024));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static StoredMessage message(long timestamp, int i) {
        byte[] payload = ("payload " + i).getBytes(StandardCharsets.UTF_8);
        return new StoredMessage(new byte[0], timestamp, TestData.TOPIC.bytes(), payload, new byte[0],
                Keccak256.hash(payload), "");
    }

    private List<StoredMessage> fetchAll() throws Exception {
        List<StoredMessage> received = new ArrayList<>();
        client.fetch(List.of(TestData.TOPIC, TestData.OTHER_TOPIC), "/waku/2/rs/16/32", FROM, TO, received::addAll);
        return received;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void pagesAreFollowedAndMappedToStoredMessages() throws Exception {
        StoredMessage a = message(FROM + 10, 1);
        StoredMessage b = message(FROM + 20, 2);
        StoredMessage c = message(FROM + 30, 3);
        node.then(Answer.json(FakeNwakuNode.page(List.of(a, b), "/waku/1/", "0x" + "ab".repeat(32))))
                .then(Answer.json(FakeNwakuNode.page(List.of(c), "/waku/1/", null)));

        assertThat(fetchAll()).containsExactly(a, b, c);
        assertThat(node.requests).hasSize(2);
        Map<String, String> first = query(node.requests.get(0));
        assertThat(node.requests.get(0).getPath()).isEqualTo("/store/v3/messages");
        assertThat(first).containsEntry("includeData", "true").containsEntry("pubsubTopic", "/waku/2/rs/16/32")
                .containsEntry("contentTopics", "/waku/1/0x1a2b3c4d/rfc26,/waku/1/0xdeadbeef/rfc26")
                .containsEntry("startTime", Long.toString(FROM * 1_000_000_000L))
                .containsEntry("endTime", Long.toString(TO * 1_000_000_000L - 1))
                .containsEntry("ascending", "true").containsEntry("pageSize", "2").doesNotContainKey("cursor");
        assertThat(query(node.requests.get(1))).containsEntry("cursor", "0x" + "ab".repeat(32));
        assertThat(node.requests.get(0).getRawQuery()).contains("pubsubTopic=%2Fwaku%2F2%2Frs%2F16%2F32");
    }

    @Test
    void olderNodesBase64HashesAndForeignTopicsAreHandled() throws Exception {
        StoredMessage a = message(FROM + 10, 1);
        String body = FakeNwakuNode.page(List.of(a), "/waku/1/", null)
                .replace(org.historian.model.Hex.encode(a.hash()), java.util.Base64.getEncoder().encodeToString(a.hash()));
        String foreign = FakeNwakuNode.page(List.of(message(FROM + 11, 2)), "/other/", null);
        node.then(Answer.json(body.replace("]", "," + foreign.substring(foreign.indexOf('[') + 1, foreign.lastIndexOf(']')) + "]")));
        assertThat(fetchAll()).containsExactly(a);
    }

    @Test
    void aTransientServerErrorIsRetried() throws Exception {
        StoredMessage a = message(FROM + 10, 1);
        node.then(Answer.status(500, "database is busy")).then(Answer.status(429, "slow down"))
                .then(Answer.json(FakeNwakuNode.page(List.of(a), "/waku/1/", null)));
        assertThat(fetchAll()).containsExactly(a);
        assertThat(node.requests).hasSize(3);
    }

    @Test
    void aPersistentServerErrorGivesUpWithTheNodesWords() {
        node.then(Answer.status(500, "database is busy")).then(Answer.status(500, "database is busy"))
                .then(Answer.status(500, "database is busy"));
        assertThatThrownBy(this::fetchAll).isInstanceOf(MessageSourceException.class)
                .hasMessage("the store node at " + node.url() + " answered 500: database is busy");
        assertThat(node.requests).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() {
        node.then(Answer.status(400, "time parsing error"));
        assertThatThrownBy(this::fetchAll).hasMessageEndingWith("answered 400: time parsing error");
        assertThat(node.requests).hasSize(1);
    }

    @Test
    void badJsonWrongTypesAndMissingFieldsAreNamed() {
        node.then(Answer.json("<html>proxy error</html>"));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("answered with something that is not JSON: <html>proxy error</html>");
        node.then(Answer.json("{\"requestId\":\"r\",\"statusCode\":200,\"statusDesc\":\"OK\",\"messages\":{}}"));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("page 1: \"messages\" is missing or not a list");
        String stringTimestamp = FakeNwakuNode.page(List.of(message(FROM + 10, 1)), "/waku/1/", null)
                .replaceAll("\"timestamp\":(\\d+)", "\"timestamp\":\"$1\"");
        node.then(Answer.json(stringTimestamp));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("page 1, message 1: \"timestamp\" is missing or not a positive integer");
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(FROM + 10, 1)), "/waku/1/", null).replace("\"payload\":\"", "\"payload\":\"***")));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("\"payload\" is not base64");
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(FROM + 10, 1)), "/waku/1/", null).replaceAll("\"messageHash\":\"0x[0-9a-f]+\"", "\"messageHash\":\"0x1234\"")));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("\"messageHash\" is 2 bytes, not 32");
        node.then(Answer.json("{\"requestId\":\"r\",\"statusCode\":503,\"statusDesc\":\"store peer unreachable\",\"messages\":[]}"));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("reports store error 503: store peer unreachable");
        node.then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null).replace("\"messages\":[]", "\"messages\":[{\"messageHash\":\"0x" + "00".repeat(32) + "\"}]")));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("\"message\" is missing; was includeData ignored?");
    }

    @Test
    void aCursorThatComesBackIsAnError() {
        String cursor = "0x" + "cd".repeat(32);
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(FROM + 1, 1)), "/waku/1/", cursor)))
                .then(Answer.json(FakeNwakuNode.page(List.of(message(FROM + 2, 2)), "/waku/1/", cursor)));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("returned the pagination cursor " + cursor + " a second time (page 2)");
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIsNotRetriedNorAskedAgainForAWhile() throws Exception {
        node.then(Answer.hanging()).then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("did not answer: no answer within 0.7 s (at ");
        assertThat(node.requests).as("a timeout is not retried").hasSize(1);
        assertThatThrownBy(this::fetchAll).hasMessageContaining("no answer within 0.7 s").hasMessageContaining("not asked again before");
        assertThat(node.requests).as("nothing is sent while the node is known not to answer").hasSize(1);
        assertThat(client.check().detail()).contains("not asked again before");
        // Once the request timeout has passed since, the node is asked again: polled, no request is sent before that.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> fetchAll().isEmpty());
        assertThat(node.requests).hasSize(2);
    }

    @Test
    void anInterruptStopsTheRequestAndItsRetries() throws Exception {
        node.then(Answer.status(503, "busy")).then(Answer.status(503, "busy")).then(Answer.status(503, "busy"));
        // A back-off of 1.5 s: the interrupt comes during it, and a retry would come within the watch below.
        StoreNodeClient patient = new StoreNodeClient(node.url(), new StoreNodeClient.Options(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2, 3, Duration.ofMillis(1500), Duration.ofMillis(1500), 1_000, 1024 * 1024));
        Thread caller = Thread.currentThread();
        java.util.concurrent.ScheduledExecutorService interrupter = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        interrupter.schedule(caller::interrupt, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> patient.fetch(List.of(TestData.TOPIC), "/waku/2/rs/16/32", FROM, TO, page -> { }))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            interrupter.shutdownNow();
            Thread.interrupted();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the back-off was not waited out").isLessThan(Duration.ofMillis(1500));
        await("no retry after the interrupt").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> node.requests.size() == 1);
    }

    @Test
    void anOversizedAnswerWithoutALengthIsRefusedAtTheLimitAndNotRetried() {
        char[] big = new char[2 * 1024 * 1024];
        Arrays.fill(big, ' ');
        node.then(Answer.chunked(new String(big))).then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("the answer is larger than 1048576 bytes");
        assertThat(node.requests).as("the node would send the same again").hasSize(1);
    }

    @Test
    void anAnswerDeclaringMoreThanTheLimitIsRefusedBeforeItsBodyAndNotRetried() {
        node.then(Answer.declaring(100L * 1024 * 1024)).then(Answer.json(FakeNwakuNode.page(List.of(), "/waku/1/", null)));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("the answer declares 104857600 bytes, over the limit of 1048576 bytes");
        assertThat(node.requests).hasSize(1);
    }

    @Test
    void healthTellsWhetherTheNodeIsReady() {
        assertThat(client.check().available()).isTrue();
        node.health(Answer.json("{\"nodeHealth\":\"Initializing\"}"));
        assertThat(client.check()).satisfies(a -> {
            assertThat(a.available()).isFalse();
            assertThat(a.detail()).endsWith("reports its health as \"Initializing\"");
        });
        node.health(Answer.status(503, "Node is not ready"));
        assertThat(client.check().detail()).endsWith("is not ready: 503 Node is not ready");
        node.health(Answer.status(200, "Node is healthy"));
        assertThat(client.check().available()).isTrue();
        StoreNodeClient nobody = new StoreNodeClient(URI.create("http://127.0.0.1:1"), StoreNodeClient.Options.defaults());
        assertThat(nobody.check().available()).isFalse();
        assertThat(nobody.check().detail()).startsWith("the store node at http://127.0.0.1:1 cannot be reached");
    }

    @Test
    void theNewestTimestampIsAskedNewestFirst() throws Exception {
        node.then(Answer.json(FakeNwakuNode.page(List.of(message(FROM + 99, 1)), "/waku/1/", "0x" + "00".repeat(32))));
        assertThat(client.newestTimestamp(List.of(TestData.TOPIC), "/waku/2/rs/16/32")).hasValue(FROM + 99);
        assertThat(query(node.requests.get(0))).containsEntry("ascending", "false").containsEntry("pageSize", "1");
    }

    @Test
    void urlsAreChecked() {
        assertThat(StoreNodeClient.parseUrl(" http://127.0.0.1:8645/ ")).hasToString("http://127.0.0.1:8645/");
        assertThatThrownBy(() -> StoreNodeClient.parseUrl("ftp://x")).hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> StoreNodeClient.parseUrl("not a url")).hasMessageContaining("is not a URL");
    }

    @Test
    void aGoWakuNodeThatRefusesStoreV3IsReadThroughItsV1StoreWithTheWakuMessageHash() throws Exception {
        // go-waku answers a v3 query for its own store this way, and for good: asked once, not retried.
        node.then(Answer.status(500, "{\"messages\":null,\"error_message\":\"failed to negotiate protocol: protocols not supported: "
                + "[/vac/waku/store-query/3.0.0]\"}"));
        long nanos = (FROM + 10) * 1_000_000_000L + 5;
        String payload = java.util.Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        String topic = StatusContentTopic.toWire(TestData.TOPIC);
        node.then(Answer.json("{\"messages\":[{\"payload\":\"" + payload + "\",\"contentTopic\":\"" + topic + "\",\"version\":1,"
                + "\"timestamp\":" + nanos + "}],\"cursor\":{\"pubsubTopic\":\"/waku/2/rs/16/32\",\"senderTime\":\"" + nanos
                + "\",\"storeTime\":\"" + (nanos + 1) + "\",\"digest\":\"ab+/cd==\"}}"));
        node.then(Answer.json("{\"messages\":null}"));
        List<StoredMessage> received = fetchAll();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.timestamp()).isEqualTo(FROM + 10);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
            // SHA-256(pubsub topic ‖ payload ‖ content topic ‖ meta ‖ timestamp, 8 bytes big-endian), as Waku defines it.
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            sha256.update("/waku/2/rs/16/32".getBytes(StandardCharsets.UTF_8));
            sha256.update("hello".getBytes(StandardCharsets.UTF_8));
            sha256.update(topic.getBytes(StandardCharsets.UTF_8));
            sha256.update(java.nio.ByteBuffer.allocate(8).putLong(nanos).array());
            assertThat(m.hash()).isEqualTo(sha256.digest());
        });
        assertThat(node.requests).hasSize(3);
        assertThat(node.requests.get(0).getPath()).isEqualTo("/store/v3/messages");
        assertThat(node.requests.get(1).getPath()).isEqualTo("/store/v1/messages");
        assertThat(query(node.requests.get(2))).containsEntry("senderTime", Long.toString(nanos))
                .containsEntry("storeTime", Long.toString(nanos + 1)).containsEntry("digest", "ab-_cd==");
        // From then on, v1 at once.
        node.then(Answer.json("{\"messages\":null,\"error_message\":\"store is busy\"}"));
        assertThatThrownBy(this::fetchAll).hasMessageContaining("reports a store error: store is busy");
        assertThat(node.requests.get(3).getPath()).isEqualTo("/store/v1/messages");
    }

    @Test
    void aGoWakuNodeWithoutRlnIsReadyWhenItsInfoAnswers() throws Exception {
        node.health(Answer.status(501, "\"Non RLN healthcheck is not implemented\""));
        assertThat(client.check().available()).isFalse(); // the fake has no /debug/v1/info: not ready
        assertThat(client.check().detail()).contains("its info request answered 404");
    }
}
