package org.tsbase.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP client (HTTP/1.1, keep-alive), asynchronous: a request's answer as a status and a body. */
final class Http implements AutoCloseable {

    /**
     * {@code status}: the HTTP status, or {@link Workload#TIMEOUT} / {@link Workload#IO_ERROR}; {@code retryAfter}:
     * the {@code Retry-After} header as given (null without one); {@code contentType} likewise; {@code sentNanos} and
     * {@code answeredNanos}: when the request was handed to the client and when its answer arrived
     * ({@link System#nanoTime()}, 0 where not known).
     */
    record Answer(String status, String body, String location, String retryAfter, String contentType, long sentNanos,
            long answeredNanos) {
        Answer(String status, String body, String location, String retryAfter) {
            this(status, body, location, retryAfter, null, 0, 0);
        }

        Answer(String status, String body, String location) {
            this(status, body, location, null);
        }

        boolean ok() {
            return status.length() == 3 && status.charAt(0) == '2';
        }

        /** 429 or 503: the stack refused the request for now, to be asked again later. */
        boolean refused() {
            return status.equals("429") || status.equals("503");
        }

        /** A refusal as a caller can act on it: {@code Retry-After} and an RFC 9457 problem. */
        boolean refusalExplained() {
            return retryAfter != null && contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
    }

    CompletableFuture<Answer> get(String url, String token) {
        return send(base(url, token).GET().build());
    }

    CompletableFuture<Answer> post(String url, String token, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json(body));
        HttpRequest.Builder b = base(url, token).POST(publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    /** Blocking, for setup and the replay's polls. */
    Answer call(CompletableFuture<Answer> answer) {
        return answer.join();
    }

    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null ? "null" : body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private HttpRequest.Builder base(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private CompletableFuture<Answer> send(HttpRequest request) {
        long sent = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(String.valueOf(r.statusCode()), r.body(),
                        r.headers().firstValue("Location").orElse(null),
                        r.headers().firstValue("Retry-After").orElse(null),
                        r.headers().firstValue("Content-Type").orElse(null), sent, System.nanoTime()))
                .exceptionally(Http::failure);
    }

    private static Answer failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return new Answer(cause instanceof HttpTimeoutException ? Workload.TIMEOUT : Workload.IO_ERROR,
                String.valueOf(cause), null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
