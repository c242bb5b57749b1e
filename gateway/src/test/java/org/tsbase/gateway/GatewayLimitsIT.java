package org.tsbase.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limit per caller (429 with Retry-After) and body size limits (413) stop at the gateway. */
class GatewayLimitsIT extends GatewayITSupport {

    @Test
    void callerOverTheBurstGets429WithRetryAfter() {
        String subject = "burst-" + UUID.randomUUID();
        String token = TOKENS.validFor(subject, "APPLICANT");
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < BURST * 3 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = client().get().uri("/api/calls")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                    .exchange()
                    .expectBody().returnResult();
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429) {
                refused = result;
            }
        }

        assertThat(refused).as("a 429 after %s requests", BURST).isNotNull();
        assertThat(statuses.subList(0, BURST)).containsOnly(200);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"status\":429").contains("Too many requests").contains("urn:tsbase:problem:too-many-requests");
        long reached = service("application").received().stream()
                .filter(r -> r.header("Authorization").filter(("Bearer " + token)::equals).isPresent())
                .count();
        assertThat(reached).as("refused requests never reach the service").isEqualTo(statuses.size() - 1);

        // another caller has a bucket of its own
        client().get().uri("/api/calls")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void oversizeBodyIsRefusedBeforeReachingTheService() {
        String requestId = UUID.randomUUID().toString();

        client().post().uri("/api/calls")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[DEFAULT_MAX_BYTES + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:payload-too-large")
                .jsonPath("$.title").isEqualTo("请求体过大")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("16KB"));

        assertThat(service("application").withRequestId(requestId)).isEmpty();
    }

    @Test
    void attachmentsMayBeLargerThanOtherBodies() {
        String requestId = UUID.randomUUID().toString();
        int size = DEFAULT_MAX_BYTES * 2;

        client().post().uri("/api/applications/app-1/attachments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_PDF)
                .bodyValue(new byte[size])
                .exchange()
                .expectStatus().isOk();

        assertThat(service("application").withRequestId(requestId).orElseThrow().bodyBytes()).isEqualTo(size);
    }

    @Test
    void attachmentOverItsLimitIsRefused() {
        String requestId = UUID.randomUUID().toString();

        client().post().uri("/api/applications/app-1/attachments")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .header("X-Request-Id", requestId)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType(MediaType.APPLICATION_PDF)
                .bodyValue(new byte[ATTACHMENT_MAX_BYTES + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Payload too large")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("64KB"));

        assertThat(service("application").withRequestId(requestId)).isEmpty();
    }

    @Test
    void streamedBodyWithoutLengthIsCutOffAtTheLimit() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 8).map(i -> buffers.wrap(new byte[DEFAULT_MAX_BYTES / 4]));

        client().post().uri("/api/calls")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("ADMIN"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
