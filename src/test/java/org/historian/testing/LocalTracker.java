package org.historian.testing;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal BitTorrent HTTP tracker on 127.0.0.1 (BEP 3, compact peer lists, BEP 23): enough for
 * aria2c, which cannot be told a peer directly, to find a seeder. Peers are remembered per
 * info-hash and always reported as 127.0.0.1.
 */
public final class LocalTracker implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Map<Integer, Long>> peersByInfoHash = new ConcurrentHashMap<>();
    public final List<String> announces = java.util.Collections.synchronizedList(new ArrayList<>());

    public LocalTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/announce", this::announce);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
    }

    /** Registers a peer up front, as if it had announced. */
    public void addPeer(String infoHashHex, int port) {
        peersByInfoHash.computeIfAbsent(infoHashHex, k -> new ConcurrentHashMap<>()).put(port, System.nanoTime());
    }

    private void announce(HttpExchange exchange) throws IOException {
        Map<String, byte[]> query = parse(exchange.getRequestURI().getRawQuery());
        String infoHash = HexFormat.of().formatHex(query.getOrDefault("info_hash", new byte[0]));
        int port = Integer.parseInt(new String(query.getOrDefault("port", "0".getBytes()), StandardCharsets.US_ASCII));
        String event = new String(query.getOrDefault("event", new byte[0]), StandardCharsets.US_ASCII);
        announces.add(infoHash + " port=" + port + " event=" + event);
        Map<Integer, Long> peers = peersByInfoHash.computeIfAbsent(infoHash, k -> new ConcurrentHashMap<>());
        if ("stopped".equals(event)) {
            peers.remove(port);
        } else if (port > 0) {
            peers.put(port, System.nanoTime());
        }
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        for (int peerPort : peers.keySet()) {
            if (peerPort != port) {
                compact.write(new byte[]{127, 0, 0, 1, (byte) (peerPort >> 8), (byte) peerPort});
            }
        }
        Map<String, BEObject<?>> response = new LinkedHashMap<>();
        response.put("interval", new BEInteger(5));
        response.put("min interval", new BEInteger(1));
        response.put("peers", new BEString(compact.toByteArray()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new BEMap(response).writeTo(body);
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    /** Query values as raw bytes: info_hash is binary, percent-encoded. */
    private static Map<String, byte[]> parse(String rawQuery) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
