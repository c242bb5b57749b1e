package org.tsbase.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * A service that is down, slow or dropping connections: clients get 503 (with Retry-After), 504 or 502 problem+json from the
 * gateway, and the gateway's readiness goes DOWN until the service is back. Own stubs, own gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownstreamOutageIT {

    static final TestTokens TOKENS = new TestTokens();

    static final Map<String, StubService> SERVICES = Map.of(
            "application", StubService.start("application"),
            "scoring", StubService.start("scoring"),
            "notification", StubService.start("notification"),
            "contact", StubService.start("contact"));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, stub) -> registry.add("tsbase.gateway.services." + name, () -> stub.baseUrl().toString()));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("tsbase.gateway.downstream-health.timeout", () -> "2s");
        registry.add("tsbase.gateway.downstream-health.cache-for", () -> "0s");
        registry.add("tsbase.gateway.circuit-breaker.minimum-calls", () -> 4);
        registry.add("tsbase.gateway.circuit-breaker.sliding-window-size", () -> 4);
        registry.add("tsbase.gateway.circuit-breaker.wait-in-open-state", () -> "1h");
    }

    @AfterEach
    void everyServiceBackToNormal() {
        SERVICES.values().forEach(stub -> stub.slowDown(Duration.ZERO));
    }

    @Test
    void serviceDownMeans503AndReadinessDownUntilItIsBack() {
        StubService notification = SERVICES.get("notification");
        awaitReadiness("UP");

        notification.stop();
        try {
            client().get().uri("/api/notifications?applicationId=app-1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:tsbase:problem:service-unavailable")
                    .jsonPath("$.title").isEqualTo("服务暂不可用")
                    .jsonPath("$.status").isEqualTo(503)
                    .jsonPath("$.detail").isEqualTo("后端服务暂时无法访问，请稍后重试。")
                    .jsonPath("$.instance").isEqualTo("/api/notifications");
            client().get().uri("/api/notifications")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("Service unavailable")
                    .jsonPath("$.detail").isEqualTo(
                            "The service behind the gateway cannot be reached right now; retry later.");

            client().get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            // the gateway itself is healthy: only its readiness reflects the services
            client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            client().get().uri("/actuator/health").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            client().get().uri("/actuator/health/readiness")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.downstreamServices.details.notification")
                    .value(status -> org.assertj.core.api.Assertions.assertThat((String) status).startsWith("DOWN"))
                    .jsonPath("$.components.downstreamServices.details.application").isEqualTo("UP");
        } finally {
            notification.startAgain();
        }

        awaitReadiness("UP");
        client().get().uri("/api/notifications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void repeatedFailuresOpenTheRoutesCircuitSoTheServiceIsSpared() {
        StubService contact = SERVICES.get("contact");
        String token = TOKENS.valid("ADMIN");
        contact.stop();
        try {
            for (int i = 0; i < 4; i++) {
                client().get().uri("/api/organizations/91110107MA01B2C34M/contacts")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange()
                        .expectStatus().isEqualTo(503);
            }
        } finally {
            contact.startAgain();
        }
        int before = contact.received().size();

        // the service is back, but the open circuit answers for it until wait-in-open-state has passed
        client().get().uri("/api/organizations/91110107MA01B2C34M/contacts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:service-unavailable")
                .jsonPath("$.title").isEqualTo("服务暂不可用")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.instance").isEqualTo("/api/organizations/91110107MA01B2C34M/contacts");
        client().get().uri("/api/organizations/91110107MA01B2C34M/contacts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.title").isEqualTo("Service unavailable");
        org.assertj.core.api.Assertions.assertThat(contact.received()).hasSize(before);
    }

    @Test
    void slowServiceMeans504() {
        SERVICES.get("scoring").slowDown(Duration.ofSeconds(3));

        client().get().uri("/api/rankings?callId=sjs-2023&type=POINT")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("DISTRICT_REVIEWER"))
                .header("X-Request-Id", "timeout-zh")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:gateway-timeout")
                .jsonPath("$.title").isEqualTo("服务响应超时")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").isEqualTo("后端服务未能在规定时间内响应，请稍后重试。")
                .jsonPath("$.instance").isEqualTo("/api/rankings")
                .jsonPath("$.requestId").isEqualTo("timeout-zh");
        client().get().uri("/api/rankings?callId=sjs-2023&type=ZONE")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("DISTRICT_REVIEWER"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Gateway timeout")
                .jsonPath("$.detail").isEqualTo("The service behind the gateway did not answer in time; retry later.");
    }

    /**
     * A service that closes the connection without an answer: 502 problem+json, no Retry-After. The attachments route
     * (a breaker of its own), so that these two failures cannot open the circuit another test needs closed.
     */
    @Test
    void serviceDroppingTheConnectionMeans502() {
        StubService application = SERVICES.get("application");
        application.dropConnections(true);
        try {
            client().get().uri("/api/applications/app-1/attachments")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                    .header("X-Request-Id", "dropped-zh")
                    .exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                    .expectHeader().valueEquals("X-Request-Id", "dropped-zh")
                    .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:tsbase:problem:bad-gateway")
                    .jsonPath("$.title").isEqualTo("上游服务响应异常")
                    .jsonPath("$.status").isEqualTo(502)
                    .jsonPath("$.detail").isEqualTo("后端服务未返回完整的响应，请稍后重试。")
                    .jsonPath("$.instance").isEqualTo("/api/applications/app-1/attachments")
                    .jsonPath("$.requestId").isEqualTo("dropped-zh");
            client().get().uri("/api/applications/app-1/attachments")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                    .exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("Bad gateway")
                    .jsonPath("$.detail").isEqualTo(
                            "The service behind the gateway did not return a complete response; retry later.");
        } finally {
            application.dropConnections(false);
        }
    }

    /** The first checks of a cold gateway on a busy machine may take longer than the timeout. */
    private void awaitReadiness(String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                client().get().uri("/actuator/health/readiness").exchange()
                        .expectBody().jsonPath("$.status").isEqualTo(status));
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }
}
