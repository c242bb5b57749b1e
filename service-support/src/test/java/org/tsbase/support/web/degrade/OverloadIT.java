package org.tsbase.support.web.degrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;

/**
 * Saturation: with every slot taken, the next request is answered 503 problem+json with {@code Retry-After} after a
 * short wait instead of queueing; health stays reachable; the service serves again once the load is gone.
 */
@SpringBootTest(classes = DegradeTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=degrade-overload", "tsbase.overload.max-concurrent=2",
                "tsbase.overload.max-wait=200ms", "tsbase.overload.retry-after=2s"})
class OverloadIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("degrade-overload"));
        // nothing here talks to a broker: no listener, no topic, nothing in an outbox
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @LocalServerPort
    int port;
    @Autowired
    DegradeTestApp.Gate gate;

    final HttpClient http = HttpClient.newHttpClient();
    final String admin = TestTokens.token("ADMIN", null);

    HttpRequest get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admin).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b.build();
    }

    @AfterEach
    void release() {
        gate.open();
    }

    @Test
    void beyondTheSlotsCallersGet503WithRetryAfterHealthStaysUpAndTheServiceRecovers() throws Exception {
        gate.close();
        List<CompletableFuture<HttpResponse<String>>> holding = List.of(
                http.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString()),
                http.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString()));
        assertThat(gate.entered.tryAcquire(2, 30, TimeUnit.SECONDS)).as("both slots taken").isTrue();

        HttpResponse<String> refused = http.send(get("/notes/n1"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"type\":\"urn:tsbase:problem:overloaded\"")
                .contains("\"title\":\"服务暂不可用\"").contains("服务繁忙");
        HttpResponse<String> english = http.send(get("/notes/n1", "Accept-Language", "en"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(503);
        assertThat(english.body()).contains("The service is busy");

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("health is never limited").isEqualTo(200);

        gate.open();
        for (CompletableFuture<HttpResponse<String>> slow : holding) {
            assertThat(slow.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(http.send(get("/notes/n1"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a slot is free again: the request reaches the controller").isEqualTo(404);
    }

    @Test
    void requestsWithinTheLimitAreServed() throws Exception {
        gate.close();
        var holding = http.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(gate.entered.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();

        assertThat(http.send(get("/notes/n2"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        gate.open();
        assertThat(holding.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
