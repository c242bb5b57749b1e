package org.tsbase.support.web.degrade;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tsbase.support.testing.TestTokens;

/** Bodiless requests as ADMIN to the test app of a degrade IT, each bounded in time. */
abstract class AdminRequests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final String admin = TestTokens.token("ADMIN", null);

    /** A request that hangs for as long as the driver's default server selection (30 s) fails the test. */
    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + admin)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
