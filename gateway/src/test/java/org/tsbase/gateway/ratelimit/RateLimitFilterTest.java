package org.tsbase.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.tsbase.gateway.problem.ProblemResponsesFactory;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTest {

    private final RateLimitProperties properties = new RateLimitProperties(true, 1, 2, 1000);
    private final RateLimitFilter filter = new RateLimitFilter(new RateLimitConfiguration().rateLimitBuckets(properties),
            ProblemResponsesFactory.create(new StaticMessageSource()), properties);
    private final AtomicInteger forwarded = new AtomicInteger();

    @Test
    void burstPassesThenTooManyRequestsWithRetryAfter() {
        assertThat(send("10.0.0.1").getResponse().getStatusCode()).isNull();
        assertThat(send("10.0.0.1").getResponse().getStatusCode()).isNull();
        MockServerWebExchange refused = send("10.0.0.1");

        assertThat(forwarded).hasValue(2);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void eachClientAddressHasItsOwnBucket() {
        send("10.0.0.1");
        send("10.0.0.1");
        MockServerWebExchange other = send("10.0.0.2");

        assertThat(other.getResponse().getStatusCode()).isNull();
        assertThat(forwarded).hasValue(3);
    }

    private MockServerWebExchange send(String clientAddress) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/calls")
                .remoteAddress(new InetSocketAddress(clientAddress, 40000)));
        filter.filter(exchange, next -> {
            forwarded.incrementAndGet();
            return Mono.empty();
        }).block();
        return exchange;
    }
}
