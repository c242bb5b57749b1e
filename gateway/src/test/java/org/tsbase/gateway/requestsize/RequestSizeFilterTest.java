package org.tsbase.gateway.requestsize;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.tsbase.gateway.problem.ProblemResponsesFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeFilterTest {

    private final RequestSizeFilter filter = new RequestSizeFilter(ProblemResponsesFactory.create(new StaticMessageSource()),
            new RequestSizeProperties(DataSize.ofMegabytes(1), List.of(
                    new RequestSizeProperties.PathLimit("/api/applications/*/attachments/**", DataSize.ofMegabytes(25)))));

    @Test
    void attachmentsGetTheirOwnLimit() {
        assertThat(filter.limitFor(PathContainer.parsePath("/api/applications/app-1/attachments")))
                .isEqualTo(DataSize.ofMegabytes(25));
        assertThat(filter.limitFor(PathContainer.parsePath("/api/applications/app-1/attachments/att-2")))
                .isEqualTo(DataSize.ofMegabytes(25));
        assertThat(filter.limitFor(PathContainer.parsePath("/api/applications/app-1")))
                .isEqualTo(DataSize.ofMegabytes(1));
        assertThat(filter.limitFor(PathContainer.parsePath("/api/calls"))).isEqualTo(DataSize.ofMegabytes(1));
    }

    @Test
    void declaredLengthOverTheLimitNeverReachesTheChain() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/calls")
                .contentLength(DataSize.ofMegabytes(1).toBytes() + 1));
        AtomicBoolean forwarded = new AtomicBoolean();

        filter.filter(exchange, next -> {
            forwarded.set(true);
            return Mono.empty();
        }).block();

        assertThat(forwarded).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    @Test
    void declaredLengthAtTheLimitPasses() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/applications/a/attachments")
                .contentLength(DataSize.ofMegabytes(25).toBytes()));
        AtomicBoolean forwarded = new AtomicBoolean();

        filter.filter(exchange, next -> {
            forwarded.set(true);
            return Mono.empty();
        }).block();

        assertThat(forwarded).isTrue();
    }

    @Test
    void limitsReadAsPeopleWriteThem() {
        assertThat(RequestSizeFilter.readable(DataSize.ofMegabytes(25))).isEqualTo("25MB");
        assertThat(RequestSizeFilter.readable(DataSize.ofKilobytes(512))).isEqualTo("512KB");
        assertThat(RequestSizeFilter.readable(DataSize.ofBytes(1000))).isEqualTo("1000B");
    }
}
