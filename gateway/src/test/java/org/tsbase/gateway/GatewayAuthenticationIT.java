package org.tsbase.gateway;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad or missing tokens stop at the gateway with a problem+json 401; CORS as configured. */
class GatewayAuthenticationIT extends GatewayITSupport {

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) TOKENS::expired),
                Arguments.of("without exp", (Supplier<String>) TOKENS::withoutExpiry),
                Arguments.of("signed by another key", (Supplier<String>) TOKENS::signedByAnotherKey),
                Arguments.of("alg none", (Supplier<String>) TOKENS::unsigned),
                Arguments.of("another audience", (Supplier<String>) TOKENS::forAnotherAudience),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-jwt"));
    }

    @Test
    void missingTokenIsUnauthorizedInChinese() {
        String requestId = UUID.randomUUID().toString();

        client().get().uri("/api/calls")
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:unauthorized")
                .jsonPath("$.title").isEqualTo("未认证")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("访问令牌"))
                .jsonPath("$.instance").isEqualTo("/api/calls");

        assertThat(service("application").withRequestId(requestId)).isEmpty();
    }

    @Test
    void missingTokenIsUnauthorizedInEnglishWhenAsked() {
        client().get().uri("/api/scores/app-1")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                .expectBody()
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("access token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokenIsUnauthorizedAndNeverReachesTheService(String kind, Supplier<String> token) {
        String requestId = UUID.randomUUID().toString();

        client().get().uri("/api/applications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get())
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tsbase:problem:invalid-token")
                .jsonPath("$.title").isEqualTo("令牌无效")
                .jsonPath("$.status").isEqualTo(401);

        assertThat(service("application").withRequestId(requestId)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokenIsExplainedInEnglishWhenAsked(String kind, Supplier<String> token) {
        client().get().uri("/api/applications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9,zh-CN;q=0.5")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Invalid token")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("expired"));
    }

    @Test
    void chineseIsPreferredWhenTheClientRanksItFirst() {
        client().get().uri("/api/applications")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.8")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.title").isEqualTo("未认证");
    }

    @Test
    void corsPreflightIsAllowedForTheConfiguredOrigin() {
        client().method(HttpMethod.OPTIONS).uri("/api/applications")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"));
    }

    @Test
    void corsPreflightIsRefusedForAnotherOrigin() {
        client().method(HttpMethod.OPTIONS).uri("/api/applications")
                .header(HttpHeaders.ORIGIN, "http://attacker.test")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void corsResponseExposesRequestIdEtagAndLocation() {
        WebTestClient.ResponseSpec response = client().get().uri("/api/calls")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.valid("APPLICANT"))
                .exchange();

        response.expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("X-Request-Id").contains("ETag").contains("Location"));
    }
}
