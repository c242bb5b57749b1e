package org.tsbase.application.document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * scoring-service's printed documents, fetched over HTTP with the caller's bearer token: the score sheet PDF and
 * 推荐汇总表 XLSX. A failure is an answer ({@link Fetched#problem}), not an exception: the dossier names what is
 * missing and goes on.
 */
@Component
class ScoringDocuments {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ServiceUrls urls;
    private final HttpClient http;

    ScoringDocuments(ServiceUrls urls) {
        this.urls = urls;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** What came back: a body to read (and close) or why there is none. */
    record Fetched(InputStream body, String problem) implements AutoCloseable {
        boolean ok() {
            return body != null;
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            }
        }
    }

    Fetched scoreSheet(String applicationId, String bearer) {
        return fetch("/api/scores/" + encode(applicationId), "application/pdf", bearer);
    }

    Fetched ranking(String callId, String bearer) {
        return fetch("/api/rankings?callId=" + encode(callId), XLSX, bearer);
    }

    private Fetched fetch(String path, String accept, String bearer) {
        URI uri = URI.create(urls.scoringUrl().toString().replaceAll("/+$", "") + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(urls.requestTimeout())
                .header("Accept", accept).header("Authorization", "Bearer " + bearer).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream ignored = response.body()) {
                    return new Fetched(null, "scoring-service answered " + response.statusCode() + " for " + path);
                }
            }
            return new Fetched(response.body(), null);
        } catch (IOException e) {
            return new Fetched(null, "scoring-service could not be reached at " + urls.scoringUrl() + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched(null, "interrupted while fetching " + path);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
