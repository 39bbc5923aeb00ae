package org.historian.waku;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP side of a user-run nwaku node's REST API, shared by the store client and the
 * publisher: requests with timeouts, network errors, timeouts, 5xx and 429 retried with
 * exponential back-off, answers read up to a bound, and {@code GET /health}.
 */
final class NwakuRest {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param attempts tries per request, the first included
     * @param maxBytes an answer larger than this is refused before it is parsed
     */
    record Limits(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff, Duration maxBackoff,
                  int maxBytes) {
    }

    /** An HTTP answer whose body was read (bounded). */
    record Answer(int statusCode, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
    }

    private final URI base;
    private final Limits limits;
    private final HttpClient http;

    NwakuRest(URI base, Limits limits) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(limits.connectTimeout()).build();
    }

    /** Parses and checks a node URL given by the operator. */
    static URI parseUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + text + "\" must be an http:// or https:// URL such as http://127.0.0.1:8645");
        }
        return uri;
    }

    URI base() {
        return base;
    }

    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** What go-waku answers on {@code /health} when it runs without RLN, whatever its state. */
    private static final String GO_WAKU_WITHOUT_RLN = "Non RLN healthcheck is not implemented";

    /**
     * {@code GET /health}: whether the node says it is ready, in words for the operator. A go-waku
     * node without RLN has no health check (it answers 501, ready or not); its
     * {@code /debug/v1/info} answering is taken as ready instead.
     */
    MessageSource.Availability health(String describe) {
        try {
            Answer response = send(HttpRequest.newBuilder(resolve("/health")).GET(), 1);
            String body = response.text();
            if (response.statusCode() == 501 && body.contains(GO_WAKU_WITHOUT_RLN)) {
                Answer info = send(HttpRequest.newBuilder(resolve("/debug/v1/info")).GET(), 1);
                return info.statusCode() == 200 ? new MessageSource.Availability(true, describe + " is up (a go-waku node, which has "
                        + "no health check without RLN, answers its info request)")
                        : new MessageSource.Availability(false, describe + " is not ready: its info request answered " + info.statusCode());
            }
            if (response.statusCode() != 200) {
                return new MessageSource.Availability(false, describe + " is not ready: " + response.statusCode() + " " + abbreviate(body));
            }
            if (body.startsWith("{")) {
                String health = JSON.readTree(body).path("nodeHealth").asText("");
                if (!health.equalsIgnoreCase("ready")) {
                    return new MessageSource.Availability(false, describe + " reports its health as \"" + health + "\"");
                }
            }
            return new MessageSource.Availability(true, describe + " is ready");
        } catch (IOException e) {
            return new MessageSource.Availability(false, describe + " cannot be reached: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MessageSource.Availability(false, "interrupted");
        }
    }

    /**
     * Sends a request, retrying network errors, timeouts, 5xx and 429 with exponential back-off;
     * other answers come back as they are.
     */
    Answer send(HttpRequest.Builder request, int attempts) throws IOException, InterruptedException {
        return send(request, attempts, answer -> false);
    }

    /** As {@link #send(HttpRequest.Builder, int)}, but an answer that {@code final} accepts is never retried. */
    Answer send(HttpRequest.Builder request, int attempts, java.util.function.Predicate<Answer> isFinal)
            throws IOException, InterruptedException {
        HttpRequest built = request.timeout(limits.requestTimeout()).header("Accept", "application/json").build();
        Duration backoff = limits.firstBackoff();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
                refuseDeclaredOversize(response);
                byte[] body = readBounded(response.body());
                if ((response.statusCode() >= 500 || response.statusCode() == 429) && attempt < attempts
                        && !isFinal.test(new Answer(response.statusCode(), body))) {
                    lastFailure = new IOException("answered " + response.statusCode() + " " + abbreviate(new String(body,
                            StandardCharsets.UTF_8).strip()));
                } else {
                    return new Answer(response.statusCode(), body);
                }
            } catch (HttpTimeoutException e) {
                lastFailure = new IOException("no answer within " + seconds(limits.requestTimeout()), e);
            } catch (AnswerTooLargeException e) {
                throw e; // the node would send the same again: not a network error, never retried
            } catch (IOException e) {
                lastFailure = e;
            }
            if (attempt < attempts) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(limits.maxBackoff()) > 0 ? limits.maxBackoff() : backoff.multipliedBy(2);
            }
        }
        throw lastFailure;
    }

    /** An answer over the size limit: refused as it is, not retried. */
    static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(String message) {
            super(message);
        }
    }

    /** A Content-Length over the limit is refused before a byte of the body is read. */
    private void refuseDeclaredOversize(HttpResponse<InputStream> response) throws IOException {
        java.util.OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > limits.maxBytes()) {
            response.body().close();
            throw new AnswerTooLargeException("the answer declares " + declared.getAsLong() + " bytes, over the limit of "
                    + limits.maxBytes() + " bytes");
        }
    }

    private byte[] readBounded(InputStream body) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes(limits.maxBytes() + 1);
            if (bytes.length > limits.maxBytes()) {
                throw new AnswerTooLargeException("the answer is larger than " + limits.maxBytes() + " bytes");
            }
            return bytes;
        }
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT) + " error";
        }
        return message;
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
