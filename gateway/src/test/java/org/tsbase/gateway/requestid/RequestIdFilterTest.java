package org.tsbase.gateway.requestid;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @ParameterizedTest
    @ValueSource(strings = {"3f2c0a4e-8a9b-4c53-9d3e-0f1e2d3c4b5a", "frontend.42_a-b", "x"})
    void wellFormedIdsAreKept(String offered) {
        assertThat(RequestIdFilter.requestIdOf(MockServerHttpRequest.get("/").header("X-Request-Id", offered).build()))
                .isEqualTo(offered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "semi;colon", "quote\"", "中文"})
    void malformedIdsAreReplacedByAUuid(String offered) {
        String id = RequestIdFilter.requestIdOf(MockServerHttpRequest.get("/").header("X-Request-Id", offered).build());
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void tooLongIdIsReplaced() {
        String offered = "a".repeat(129);
        assertThat(RequestIdFilter.requestIdOf(MockServerHttpRequest.get("/").header("X-Request-Id", offered).build()))
                .isNotEqualTo(offered);
    }

    @Test
    void idGoesDownstreamAndBackOnTheResponse() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls"));
        AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();

        filter.filter(exchange, next -> {
            forwarded.set(next);
            return next.getResponse().setComplete();
        }).block();

        String downstream = forwarded.get().getRequest().getHeaders().getFirst("X-Request-Id");
        assertThat(UUID.fromString(downstream)).isNotNull();
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo(downstream);
    }

    @Test
    void idIsInTheReactorContext() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/calls").header("X-Request-Id", "ctx-1"));
        AtomicReference<String> seen = new AtomicReference<>();

        filter.filter(exchange, next -> Mono.deferContextual(context -> {
            seen.set(context.get(RequestIdLogging.CONTEXT_KEY));
            return Mono.empty();
        })).block();

        assertThat(seen.get()).isEqualTo("ctx-1");
    }
}
