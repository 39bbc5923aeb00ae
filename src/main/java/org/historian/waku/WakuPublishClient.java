package org.historian.waku;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Sends Waku messages through a user-run nwaku node's REST API: relay
 * ({@code POST /relay/v1/messages/<url-encoded pubsub topic>}) or lightpush
 * ({@code POST /lightpush/v1/message}). The node's health is checked first; refused connections,
 * 5xx and 429 are retried with back-off, a request not answered in time is not; a refusal names
 * the node's reason.
 */
public final class WakuPublishClient {
    public enum Mode {
        RELAY, LIGHTPUSH;

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not relay or lightpush");
            }
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Options(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff, Duration maxBackoff) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofSeconds(1), Duration.ofSeconds(8));
        }
    }

    private final NwakuRest rest;
    private final Mode mode;
    private final Options options;

    public WakuPublishClient(URI node, Mode mode, Options options) {
        this.rest = new NwakuRest(node, new NwakuRest.Limits(options.connectTimeout(), options.requestTimeout(), options.attempts(),
                options.firstBackoff(), options.maxBackoff(), 64 * 1024));
        this.mode = mode;
        this.options = options;
    }

    public static URI parseUrl(String text) {
        return NwakuRest.parseUrl(text);
    }

    public String describe() {
        return "the Waku node at " + rest.base() + " (" + mode.word() + ")";
    }

    public MessageSource.Availability check() {
        return rest.health(describe());
    }

    /**
     * @throws MagnetPublishException when the node is not ready, cannot be reached after the
     *                                retries, or refuses the message
     */
    public void publish(WakuMessage message) throws MagnetPublishException, InterruptedException {
        MessageSource.Availability health = check();
        if (!health.available()) {
            throw new MagnetPublishException(health.detail());
        }
        ObjectNode json = NwakuRest.JSON.createObjectNode();
        json.put("payload", Base64.getEncoder().encodeToString(message.payload()));
        json.put("contentTopic", message.contentTopic());
        json.put("version", message.version());
        json.put("timestamp", message.timestampNanos());
        if (message.meta().length > 0) {
            json.put("meta", Base64.getEncoder().encodeToString(message.meta()));
        }
        URI uri;
        ObjectNode body;
        if (mode == Mode.RELAY) {
            uri = rest.resolve("/relay/v1/messages/" + URLEncoder.encode(message.pubsubTopic(), StandardCharsets.UTF_8));
            body = json;
        } else {
            uri = rest.resolve("/lightpush/v1/message");
            body = NwakuRest.JSON.createObjectNode();
            body.put("pubsubTopic", message.pubsubTopic());
            body.set("message", json);
        }
        NwakuRest.Answer answer;
        try {
            answer = rest.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), options.attempts());
        } catch (IOException e) {
            throw new MagnetPublishException(describe() + " did not take the message: " + NwakuRest.reason(e), e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new MagnetPublishException(describe() + " refused the message: " + answer.statusCode() + " "
                    + NwakuRest.abbreviate(answer.text()));
        }
    }
}
