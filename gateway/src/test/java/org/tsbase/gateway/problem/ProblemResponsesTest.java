package org.tsbase.gateway.problem;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProblemResponses problems = new ProblemResponses(messages(), json,
            new RetryAfterProperties(Duration.ofMillis(1500), Duration.ofSeconds(5)));

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @ParameterizedTest(name = "Accept-Language: \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "              | zh",
        "en            | en",
        "en-US         | en",
        "en-GB,en;q=0.8 | en",
        "zh-CN         | zh",
        "zh-CN,en;q=0.5 | zh",
        "fr-FR         | zh",
        "fr,en;q=0.5   | en",
        "*;;;garbage   | zh",
    })
    void chineseUnlessEnglishIsPreferred(String acceptLanguage, String expected) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/calls");
        if (acceptLanguage != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        assertThat(ProblemResponses.localeOf(request.build()).getLanguage()).isEqualTo(expected);
    }

    @Test
    void writesAllProblemFieldsWithTheRequestId() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/calls"));
        exchange.getAttributes().put(ProblemResponses.REQUEST_ID_ATTRIBUTE, "req-1");

        problems.write(exchange, GatewayProblem.PAYLOAD_TOO_LARGE, "1MB").block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("type").asString()).isEqualTo("urn:tsbase:problem:payload-too-large");
        assertThat(body.get("title").asString()).isEqualTo("请求体过大");
        assertThat(body.get("status").asInt()).isEqualTo(413);
        assertThat(body.get("detail").asString()).isEqualTo("请求体超过了该接口允许的大小（最大 1MB）。");
        assertThat(body.get("instance").asString()).isEqualTo("/api/calls");
        assertThat(body.get("requestId").asString()).isEqualTo("req-1");
    }

    @Test
    void instanceIsThePathTheClientAskedForEvenAfterTheRouteRewroteIt() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/v3/api-docs").header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
        exchange.getAttributes().put(ProblemResponses.CLIENT_PATH_ATTRIBUTE, "/api/scores/app-1");

        problems.write(exchange, new ConnectException("Connection refused")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).contains("\"instance\":\"/api/scores/app-1\"").contains("\"title\":\"Service unavailable\"");
    }

    @Test
    void serviceDownCarriesRetryAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls"));

        problems.write(exchange, new ConnectException("Connection refused")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    @Test
    void openCircuitCarriesRetryAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls"));

        problems.write(exchange, new ServiceUnavailableException()).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("type").asString()).isEqualTo("urn:tsbase:problem:service-unavailable");
        assertThat(body.get("title").asString()).isEqualTo("服务暂不可用");
    }

    @Test
    void fullBulkheadIsServiceBusyWithRetryAfterRoundedUpInHeaderAndDetail() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls"));

        problems.write(exchange, BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("application")))
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("type").asString()).isEqualTo("urn:tsbase:problem:service-busy");
        assertThat(body.get("title").asString()).isEqualTo("服务繁忙");
        assertThat(body.get("detail").asString()).isEqualTo("当前请求过多，服务暂时无法处理，请在 2 秒后重试。");
    }

    @Test
    void otherProblemsHaveNoRetryAfterOfTheGateway() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls"));

        problems.write(exchange, new java.io.IOException("Connection prematurely closed")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    @Test
    void failuresMapToWhatTheClientShouldHear() {
        assertThat(Failure.classify(new ConnectException("refused")).problem()).isEqualTo(GatewayProblem.SERVICE_UNAVAILABLE);
        assertThat(Failure.classify(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")))
                .problem()).isEqualTo(GatewayProblem.SERVICE_UNAVAILABLE);
        // what Spring Cloud Gateway's Resilience4J circuit breaker filter (no fallbackUri) makes of an open circuit
        assertThat(Failure.classify(new ServiceUnavailableException()).problem())
                .isEqualTo(GatewayProblem.SERVICE_UNAVAILABLE);
        assertThat(Failure.classify(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x")))
                .problem()).isEqualTo(GatewayProblem.SERVICE_BUSY);
        assertThat(GatewayProblem.forStatus(503)).contains(GatewayProblem.SERVICE_UNAVAILABLE);
        assertThat(Failure.classify(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer",
                new TimeoutException())).problem()).isEqualTo(GatewayProblem.GATEWAY_TIMEOUT);
        assertThat(Failure.classify(new java.io.IOException("Connection prematurely closed")).problem())
                .isEqualTo(GatewayProblem.BAD_GATEWAY);
        assertThat(Failure.classify(new ResponseStatusException(HttpStatus.NOT_FOUND)).problem())
                .isEqualTo(GatewayProblem.NOT_FOUND);
        assertThat(Failure.classify(new GatewayProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, "1MB")).status().value())
                .isEqualTo(413);
        Failure unsupported = Failure.classify(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        assertThat(unsupported.problem()).isEqualTo(GatewayProblem.OTHER);
        assertThat(unsupported.status().value()).isEqualTo(415);
        assertThat(Failure.classify(new IllegalStateException("bug")).problem()).isEqualTo(GatewayProblem.INTERNAL_ERROR);
    }

    @Test
    void everyProblemHasTitleAndDetailInBothLanguages() throws Exception {
        Properties chinese = PropertiesLoaderUtils.loadProperties(new ClassPathResource("messages.properties"));
        Properties english = PropertiesLoaderUtils.loadProperties(new ClassPathResource("messages_en.properties"));
        for (GatewayProblem problem : GatewayProblem.values()) {
            for (String part : new String[] {"title", "detail"}) {
                String key = "problem." + problem.slug() + "." + part;
                assertThat(chinese).as(key).containsKey(key);
                assertThat(english).as(key).containsKey(key);
            }
        }
        assertThat(english.keySet()).isEqualTo(chinese.keySet());
        // the bundles are UTF-8 (Boot's default for spring.messages.encoding)
        assertThat(messages().getMessage("problem.service-unavailable.title", null, Locale.CHINESE)).isEqualTo("服务暂不可用");
        assertThat(messages().getMessage("problem.service-unavailable.title", null, Locale.ENGLISH))
                .isEqualTo("Service unavailable");
    }
}
