package org.tsbase.gateway;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each route reaches its service with path, query, body and token as the client sent them. */
class GatewayRoutingIT extends GatewayITSupport {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/calls,                                                 application",
        "/api/calls/sjs-2023,                                        application",
        "/api/applications?callId=sjs-2023&type=POINT&page=0&size=20, application",
        "/api/applications/app-1/attachments/att-9,                   application",
        "/api/scores/app-1,                                          scoring",
        "/api/rankings?callId=sjs-2023&type=ZONE,                    scoring",
        "/api/rubrics/sjs-point-2023,                                scoring",
        "/api/admin/replays/job-7,                                   scoring",
        "/api/organizations/91110107MA01B2C34M/contacts,             contact",
        "/api/notifications?creditCode=91110107MA01B2C34M,           notification",
    })
    void routesReachTheirServiceWithPathAndTokenIntact(String pathAndQuery, String serviceName) {
        String token = TOKENS.valid("APPLICANT");
        String requestId = UUID.randomUUID().toString();

        client().get().uri(pathAndQuery)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(serviceName);

        StubService.Received received = service(serviceName).withRequestId(requestId).orElseThrow();
        assertThat(received.pathAndQuery()).isEqualTo(pathAndQuery);
        assertThat(received.header("Authorization")).contains("Bearer " + token);
    }

    @Test
    void postBodyArrivesWhole() {
        String requestId = UUID.randomUUID().toString();
        String body = "{\"callId\":\"sjs-2023\",\"type\":\"POINT\",\"workDescription\":\"商业秘密保护工作\"}";

        client().post().uri("/api/applications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk();

        StubService.Received received = service("application").withRequestId(requestId).orElseThrow();
        assertThat(received.method()).isEqualTo("POST");
        // so that services can build links (Location) that point at the gateway, not at themselves
        assertThat(received.header("X-Forwarded-Host")).contains("127.0.0.1:" + port);
        assertThat(received.header("X-Forwarded-Proto")).contains("http");
        assertThat(received.bodyBytes()).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void requestIdIsGeneratedWhenMissingAndSentBothWays() {
        EntityExchangeResult<byte[]> result = client().get().uri("/api/calls")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(requestId).isNotNull();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(service("application").withRequestId(requestId)).isPresent();
    }

    @Test
    void wellFormedRequestIdIsKeptAndReturned() {
        String requestId = "frontend-" + UUID.randomUUID();

        client().get().uri("/api/rubrics")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", requestId);

        assertThat(service("scoring").withRequestId(requestId)).isPresent();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logLineCarriesTheRequestIdButNeverTheToken(CapturedOutput output) {
        String token = TOKENS.valid("APPLICANT");
        String requestId = "log-" + UUID.randomUUID();

        client().get().uri("/api/calls?creditCode=91110107MA01B2C34M")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[" + requestId + "\\].*GET /api/calls -> 200"));
        assertThat(output.getAll()).doesNotContain(token).doesNotContain("91110107MA01B2C34M");
    }

    @Test
    void malformedRequestIdIsReplaced() {
        String forged = "abc\"; DROP <script>";

        String returned = client().get().uri("/api/calls")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .header("X-Request-Id", forged)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(returned).isNotEqualTo(forged);
        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(service("application").withRequestId(returned)).isPresent();
    }

    @Test
    void errorsOfTheGatewayCarryTheRequestIdToo() {
        client().get().uri("/api/calls")
                .header("X-Request-Id", "trace-401")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "trace-401")
                .expectBody().jsonPath("$.requestId").isEqualTo("trace-401");
    }

    @Test
    void problemFromAServicePassesThroughUntouched() {
        client().put().uri("/api/applications/app-1/conflict")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(StubService.CONFLICT_BODY);
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        client().get().uri("/api/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:not-found")
                .jsonPath("$.title").isEqualTo("未找到")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/nothing-here");
    }

    @Test
    void healthIsAnonymous() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        // readiness asks every service; the first checks of a cold gateway may be slow
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> client().get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP"));
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoIsForAdminsOnly() {
        client().get().uri("/actuator/info").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.app").doesNotExist();
        client().get().uri("/actuator/info")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT")).exchange()
                .expectStatus().isForbidden();
        client().get().uri("/actuator/info")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.app.name").isEqualTo("TS-Base gateway");
    }

    @Test
    void apiDocsOfGatewayAndServicesAreAnonymous() {
        client().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.info.title").isEqualTo("TS-Base gateway");
        for (String name : new String[] {"application", "scoring", "contact", "notification"}) {
            client().get().uri("/v3/api-docs/" + name).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.info.title").isEqualTo(name + "-service")
                    .jsonPath("$.servers[0].url").isEqualTo("/");
            assertThat(service(name).received()).anyMatch(r -> r.pathAndQuery().equals("/v3/api-docs"));
        }
        client().get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls.length()").isEqualTo(5);
        client().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void prometheusNeedsAdmin() {
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client().get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("无权访问");
        client().get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
    }
}
