package org.historian.waku;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The HTTP side of a user-run nwaku node's REST API, shared by the store client and the
 * publisher: requests with timeouts; refused connections, 5xx and 429 retried after a back-off
 * that is a timer, not a sleeping thread; a node that does not answer in time not asked again
 * for a while; answers read up to a bound; and {@code GET /health}.
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
    /** Set when the node did not answer in time; requests until then fail at once. */
    private volatile Silence silence;

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
     * Sends a request, retrying refused connections, 5xx and 429 with exponential back-off;
     * other answers come back as they are.
     */
    Answer send(HttpRequest.Builder request, int attempts) throws IOException, InterruptedException {
        return send(request, attempts, answer -> false);
    }

    /**
     * As {@link #send(HttpRequest.Builder, int)}, but an answer that {@code final} accepts is never
     * retried. Waits for {@link #sendAsync}; an interrupt cancels the request and its retries.
     */
    Answer send(HttpRequest.Builder request, int attempts, Predicate<Answer> isFinal) throws IOException, InterruptedException {
        CompletableFuture<Answer> answer = sendAsync(request, attempts, isFinal);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /**
     * The request and its retries as timers, not a sleeping thread: the back-off between attempts
     * holds no thread, and cancelling the future stops the attempt under way and every later one.
     * A request the node does not answer in time is not tried again, and for as long again no
     * request goes to that node at all: each fails at once with the reason (a black-holed node
     * costs one timeout, not one per caller and attempt).
     */
    CompletableFuture<Answer> sendAsync(HttpRequest.Builder request, int attempts, Predicate<Answer> isFinal) {
        HttpRequest built = request.timeout(limits.requestTimeout()).header("Accept", "application/json").build();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(built, 1, attempts, limits.firstBackoff(), isFinal, result);
        return result;
    }

    private void attempt(HttpRequest built, int attempt, int attempts, Duration backoff, Predicate<Answer> isFinal,
                         CompletableFuture<Answer> result) {
        if (result.isDone()) {
            return; // cancelled or timed out by the caller while the back-off ran
        }
        Silence silent = silence;
        if (silent != null && System.nanoTime() < silent.untilNanos()) {
            result.completeExceptionally(new NotAnsweringException(silent.reason() + "; it is not asked again before "
                    + silent.until().truncatedTo(ChronoUnit.SECONDS)));
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(built, info -> BoundedBody.of(info, limits.maxBytes()));
        result.whenComplete((answer, failure) -> call.cancel(true));
        call.whenComplete((response, failure) -> {
            IOException retryable;
            if (failure == null) {
                silence = null;
                Answer answer = new Answer(response.statusCode(), response.body());
                boolean transientError = answer.statusCode() >= 500 || answer.statusCode() == 429;
                if (!transientError || attempt >= attempts || isFinal.test(answer)) {
                    result.complete(answer);
                    return;
                }
                retryable = new IOException("answered " + answer.statusCode() + " " + abbreviate(answer.text()));
            } else {
                Throwable cause = unwrap(failure);
                if (cause instanceof HttpConnectTimeoutException) {
                    result.completeExceptionally(silenced("no connection within " + seconds(limits.connectTimeout()), cause));
                    return;
                }
                if (cause instanceof HttpTimeoutException) {
                    result.completeExceptionally(silenced("no answer within " + seconds(limits.requestTimeout()), cause));
                    return;
                }
                if (!(cause instanceof IOException io) || cause instanceof AnswerTooLargeException) {
                    // Too large: the node would send the same again. Anything else is not the network's doing.
                    result.completeExceptionally(cause);
                    return;
                }
                retryable = io;
            }
            if (attempt >= attempts) {
                result.completeExceptionally(attempts == 1 ? retryable
                        : new IOException(reason(retryable) + " (" + attempts + " attempts)", retryable));
                return;
            }
            Duration doubled = backoff.multipliedBy(2);
            Duration next = doubled.compareTo(limits.maxBackoff()) > 0 ? limits.maxBackoff() : doubled;
            CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                    .execute(() -> attempt(built, attempt + 1, attempts, next, isFinal, result));
        });
    }

    /** The node did not answer in time: remembered for one request timeout, and the reason said. */
    private IOException silenced(String what, Throwable cause) {
        Instant now = Instant.now();
        String reason = what + " (at " + now.truncatedTo(ChronoUnit.SECONDS) + ")";
        silence = new Silence(System.nanoTime() + limits.requestTimeout().toNanos(), now.plus(limits.requestTimeout()), reason);
        return new NotAnsweringException(reason, cause);
    }

    private record Silence(long untilNanos, Instant until, String reason) {
    }

    /** A node that does not answer in time: not retried, and said so. */
    static final class NotAnsweringException extends IOException {
        NotAnsweringException(String message) {
            super(message);
        }

        NotAnsweringException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An answer over the size limit: refused as it is, not retried. */
    static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Collects an answer's body up to the limit. A Content-Length over the limit is refused before
     * a byte of the body is read; a body without one is cut off at the limit.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;
        private final AnswerTooLargeException refusal;
        private Flow.Subscription subscription;

        private BoundedBody(int maxBytes, AnswerTooLargeException refusal) {
            this.maxBytes = maxBytes;
            this.refusal = refusal;
        }

        static BoundedBody of(HttpResponse.ResponseInfo info, int maxBytes) {
            OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
            return new BoundedBody(maxBytes, declared.isPresent() && declared.getAsLong() > maxBytes
                    ? new AnswerTooLargeException("the answer declares " + declared.getAsLong() + " bytes, over the limit of "
                    + maxBytes + " bytes") : null);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (refusal != null) {
                subscription.cancel();
                body.completeExceptionally(refusal);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new AnswerTooLargeException("the answer is larger than " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
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
