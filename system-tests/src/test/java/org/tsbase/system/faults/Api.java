package org.tsbase.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * JSON over HTTP to the gateway, as a frontend speaks it, counting every request it sends and how it was answered.
 * A connection error or a timeout is an answer too: status {@link #NO_ANSWER}, never an exception.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int NO_ANSWER = -1;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder noAnswer = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder clientErrors = new LongAdder();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer: the status (or {@link #NO_ANSWER}), the body or the error, a Retry-After in seconds if any. */
    record Answer(int status, String body, String contentType, OptionalLong retryAfterSeconds) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth retrying: no answer, 5xx, 429. */
        boolean transientFailure() {
            return status == NO_ANSWER || status >= 500 || status == 429;
        }

        /** A failure that says so: an RFC 9457 problem, or no answer at all (a connection error, a timeout). */
        boolean visible() {
            return status == NO_ANSWER || (contentType != null && contentType.startsWith("application/problem+json"));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Answer send(String method, String path, String token, Object body) {
        sent.increment();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            OptionalLong retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return OptionalLong.of(Long.parseLong(v.trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }).orElse(OptionalLong.empty());
            Answer answer = new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null),
                    retryAfter);
            if (answer.ok()) {
                ok.increment();
            } else {
                failed.increment();
                (answer.status() >= 500 ? serverErrors : clientErrors).increment();
            }
            return answer;
        } catch (IOException e) {
            failed.increment();
            noAnswer.increment();
            return new Answer(NO_ANSWER, e.getClass().getSimpleName() + ": " + e.getMessage(), null, OptionalLong.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.increment();
            noAnswer.increment();
            return new Answer(NO_ANSWER, "interrupted", null, OptionalLong.empty());
        }
    }
}
