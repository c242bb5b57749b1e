package org.tsbase.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beyond what a service can take, the gateway refuses at once instead of queueing: a route with
 * as many requests in flight as its bulkhead allows answers 503 service-busy problem+json with
 * Retry-After, without forwarding; the refusals neither reach the service nor open its circuit,
 * and other routes go on. Own stubs, own gateway (a bulkhead of 2 on the scoring route).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OverloadIT {

    static final TestTokens TOKENS = new TestTokens();

    static final Map<String, StubService> SERVICES = Map.of(
            "application", StubService.start("application"),
            "scoring", StubService.start("scoring"),
            "notification", StubService.start("notification"),
            "contact", StubService.start("contact"));

    static final int SCORING_IN_FLIGHT = 2;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, stub) -> registry.add("tsbase.gateway.services." + name, () -> stub.baseUrl().toString()));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
        registry.add("tsbase.gateway.bulkhead.routes.scoring", () -> SCORING_IN_FLIGHT);
        // a circuit that would open after two failures: the bulkhead's refusals must not count as such
        registry.add("tsbase.gateway.circuit-breaker.minimum-calls", () -> 2);
        registry.add("tsbase.gateway.circuit-breaker.sliding-window-size", () -> 2);
        registry.add("tsbase.gateway.circuit-breaker.wait-in-open-state", () -> "1h");
    }

    /**
     * New connections are accepted by a thread of their own, not by the event loops that serve the open ones (where a
     * flood on open connections kept new ones waiting for seconds; {@link AcceptThreadConfiguration}).
     */
    @Test
    void newConnectionsAreAcceptedByAThreadOfTheirOwn() {
        assertThat(sendAsync("/api/notifications", TOKENS.valid("ADMIN")).join().statusCode()).isLessThan(500);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .anyMatch(name -> name.startsWith(AcceptThreadConfiguration.LOOPS) && name.contains("select"));
    }

    @Test
    void requestsBeyondTheRoutesBulkheadGet503WithRetryAfterWithoutReachingTheService() {
        StubService scoring = SERVICES.get("scoring");
        String token = TOKENS.valid("DISTRICT_REVIEWER");
        List<CompletableFuture<HttpResponse<String>>> inFlight;
        int reachedBefore;
        scoring.holdRequests();
        try {
            inFlight = IntStream.range(0, SCORING_IN_FLIGHT)
                    .mapToObj(i -> sendAsync("/api/rankings?callId=held-" + i, token))
                    .toList();
            await().atMost(Duration.ofSeconds(20)).until(() -> scoring.holding() == SCORING_IN_FLIGHT);
            reachedBefore = scoring.received().size();

            for (int i = 0; i < 3; i++) {
                client().get().uri("/api/rankings?callId=refused-" + i)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("urn:tsbase:problem:service-busy")
                        .jsonPath("$.title").isEqualTo("服务繁忙")
                        .jsonPath("$.status").isEqualTo(503)
                        .jsonPath("$.detail").isEqualTo("当前请求过多，服务暂时无法处理，请在 1 秒后重试。")
                        .jsonPath("$.instance").isEqualTo("/api/rankings");
            }
            client().get().uri("/api/rankings?callId=refused-en")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.title").isEqualTo("Service busy");

            // refused without waiting for a permit: the requests holding the permits are still held
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);
            assertThat(scoring.received()).as("refused requests are not forwarded").hasSize(reachedBefore);
            // the other routes have bulkheads of their own
            client().get().uri("/api/calls")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isOk();
        } finally {
            scoring.release();
        }

        assertThat(inFlight).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        // the refusals were not failures of the service: its circuit is still closed
        client().get().uri("/api/rankings?callId=after")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String pathAndQuery, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }
}
