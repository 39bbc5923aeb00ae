package org.historian.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Waku network of real go-waku nodes (v0.10.0, {@link GoPrograms#waku()}) on 127.0.0.1, cluster
 * 16, shard 32 ({@code /waku/2/rs/16/32}), nothing reaching beyond this machine: no discovery, no
 * peer exchange, no metrics, REST on loopback only.
 * <ul>
 *   <li><b>store</b>: relay, store (SQLite in the test folder), lightpush service;</li>
 *   <li><b>edge</b>: relay, connected to the store node, which it also uses for lightpush and store.</li>
 * </ul>
 * {@link #start} returns once both are up and in each other's relay mesh; {@link #close} stops them
 * (SIGTERM, then kill), so no test leaves a process behind.
 */
public final class WakuNetwork implements AutoCloseable {
    public static final String PUBSUB_TOPIC = "/waku/2/rs/16/32";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One running node. */
    public record Node(String name, URI rest, String peerId, String multiaddr, Process process, Path log) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Thread killer = new Thread(this::kill, "waku-network-killer");

    private WakuNetwork() {
        Runtime.getRuntime().addShutdownHook(killer);
    }

    public static WakuNetwork start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /**
     * A network whose shard is protected: relay accepts only messages whose {@code meta} is signed
     * by the shard key (spec §12), within 5 minutes of the nodes' clocks.
     *
     * @param shardPublicKey the shard key's uncompressed public key, hex (04…), as go-waku takes it
     */
    public static WakuNetwork startProtected(Path dir, String shardPublicKey) throws IOException, InterruptedException {
        return start(dir, shardPublicKey);
    }

    private static WakuNetwork start(Path dir, String shardPublicKey) throws IOException, InterruptedException {
        WakuNetwork network = new WakuNetwork();
        try {
            Files.createDirectories(dir);
            List<String> protection = shardPublicKey == null ? List.of() : List.of("--protected-topic=" + PUBSUB_TOPIC + ":"
                    + shardPublicKey);
            List<String> store = new ArrayList<>(List.of("--store=true", "--store-message-db-url=sqlite3://"
                    + dir.toAbsolutePath().resolve("store.db"), "--store-message-retention-time=0", "--lightpush=true"));
            store.addAll(protection);
            Node storeNode = network.node(dir, "store", store, null);
            Node edge = network.node(dir, "edge", protection, storeNode);
            network.awaitMesh(edge, storeNode);
            network.awaitMesh(storeNode, edge);
            if (shardPublicKey == null) {
                network.awaitRelay();
            }
            return network;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            network.close();
            throw e;
        }
    }

    /** Relay, store and lightpush service. */
    public Node store() {
        return nodes.get(0);
    }

    /** Relay, with the store node as its peer, lightpush service and store. */
    public Node edge() {
        return nodes.get(1);
    }

    private Node node(Path dir, String name, List<String> extra, Node peer) throws IOException, InterruptedException {
        int tcp = freePort();
        int rest = freePort();
        String key = HexFormat.of().formatHex(randomKey());
        List<String> command = new ArrayList<>(List.of(GoPrograms.waku().toString(),
                "--cluster-id=16", "--pubsub-topic=" + PUBSUB_TOPIC, "--relay=true",
                "--address=127.0.0.1", "--tcp-port=" + tcp, "--ext-multiaddr=/ip4/127.0.0.1/tcp/" + tcp, "--nodekey=" + key,
                "--rest=true", "--rest-address=127.0.0.1", "--rest-port=" + rest, "--rest-admin=true",
                "--discv5-discovery=false", "--dns-discovery=false", "--peer-exchange=false", "--rendezvous=false",
                "--metrics-server=false", "--circuit-relay=false", "--log-level=INFO", "--log-encoding=nocolor"));
        command.addAll(extra);
        if (peer != null) {
            command.addAll(List.of("--staticnode=" + peer.multiaddr(), "--lightpushnode=" + peer.multiaddr(),
                    "--storenode=" + peer.multiaddr()));
        }
        String multiaddr = showAddress(command);
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        Node node = new Node(name, URI.create("http://127.0.0.1:" + rest), multiaddr.substring(multiaddr.lastIndexOf('/') + 1),
                multiaddr, process, log);
        nodes.add(node);
        await(node, () -> get(node, "/debug/v1/info") != null, "its REST API to answer");
        return node;
    }

    /** The node's multiaddress with its peer ID, as go-waku prints it without starting. */
    private static String showAddress(List<String> command) throws IOException, InterruptedException {
        List<String> show = new ArrayList<>(command);
        show.add("--show-addresses");
        Process process = new ProcessBuilder(show).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return out.lines().filter(line -> line.startsWith("/ip4/127.0.0.1/tcp/")).findFirst()
                .orElseThrow(() -> new AssertionError("go-waku printed no address:\n" + out));
    }

    /** Until {@code node} lists {@code peer} as connected and subscribed to the shard: relay then carries between them. */
    private void awaitMesh(Node node, Node peer) throws IOException, InterruptedException {
        await(node, () -> {
            JsonNode peers = get(node, "/admin/v1/peers");
            if (peers == null) {
                return false;
            }
            for (JsonNode entry : peers) {
                if (entry.path("id").asText().equals(peer.peerId()) && entry.path("connected").asBoolean()
                        && entry.path("pubsubTopics").toString().contains(PUBSUB_TOPIC)) {
                    return true;
                }
            }
            return false;
        }, "to have " + peer.name() + " in its relay mesh");
    }

    /** A probe published on the edge node is stored by the store node: relay carries between them. */
    private void awaitRelay() throws IOException, InterruptedException {
        String probe = "/waku/1/0x00000000/rfc26";
        String body = "{\"payload\":\"cHJvYmU=\",\"contentTopic\":\"" + probe + "\",\"version\":0,\"timestamp\":"
                + System.currentTimeMillis() * 1_000_000L + "}";
        await(edge(), () -> {
            JsonNode stored = storedMessages(probe);
            if (stored != null && stored.path("messages").isArray() && stored.get("messages").size() > 0) {
                return true;
            }
            HTTP.send(HttpRequest.newBuilder(edge().rest().resolve("/relay/v1/messages/" + encode(PUBSUB_TOPIC)))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            return false;
        }, "relay to the store node");
    }

    private static void await(Node node, java.util.concurrent.Callable<Boolean> check, String what) throws IOException {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!node.process().isAlive()) {
                            throw new AssertionError("go-waku node " + node.name() + " exited:\n" + Files.readString(node.log()));
                        }
                        return check.call();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("go-waku node " + node.name() + " did not get " + what + " within 60 s:\n"
                    + Files.readString(node.log()), e);
        }
    }

    /** GET on a node's REST API: the JSON, or null when it does not answer 200 (yet). */
    public static JsonNode get(Node node, String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.rest().resolve(path)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A store query in go-waku's own API (v1): the messages on a content topic, oldest first. */
    public JsonNode storedMessages(String contentTopic) throws InterruptedException {
        return get(store(), "/store/v1/messages?pubsubTopic=" + encode(PUBSUB_TOPIC) + "&contentTopics=" + encode(contentTopic)
                + "&ascending=true&pageSize=100");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        key[0] &= 0x7f; // below the curve order
        return key;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void kill() {
        for (Node node : nodes) {
            node.process().destroy();
        }
        for (Node node : nodes) {
            try {
                if (!node.process().waitFor(10, TimeUnit.SECONDS)) {
                    node.process().destroyForcibly();
                    node.process().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.process().destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
    }
}
