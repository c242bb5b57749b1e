package org.tsbase.gateway.requestsize;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tsbase.gateway.problem.GatewayProblem;
import org.tsbase.gateway.problem.GatewayProblemException;
import org.tsbase.gateway.problem.ProblemResponses;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the configured size with 413 problem+json. A declared
 * {@code Content-Length} over the limit is refused at once, before any of the body is read and before
 * anything is sent to the service (and the connection is closed after the answer); a chunked body is
 * counted while it streams and the exchange fails with 413 once it passes the limit (the service then
 * sees an aborted request, never a complete one).
 * <p>
 * A web filter, not a gateway filter, so that a body over the limit is refused before the token check and
 * before any route is looked up. Runs after the request id filter and before Spring Security's chain (-100).
 */
@Component
@EnableConfigurationProperties(RequestSizeProperties.class)
class RequestSizeFilter implements WebFilter, Ordered {

    static final int ORDER = -150;

    private final ProblemResponses problems;
    private final DataSize defaultMax;
    private final List<Limit> limits;

    RequestSizeFilter(ProblemResponses problems, RequestSizeProperties properties) {
        this.problems = problems;
        this.defaultMax = properties.defaultMax();
        this.limits = properties.paths().stream()
                .map(path -> new Limit(PathPatternParser.defaultInstance.parse(path.pattern()), path.max()))
                .toList();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        DataSize max = limitFor(request.getPath().pathWithinApplication());
        long declared = request.getHeaders().getContentLength();
        if (declared > max.toBytes()) {
            // the body is never read: the connection cannot carry another request after it (RFC 9110 §15.5.14)
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return problems.write(exchange, GatewayProblem.PAYLOAD_TOO_LARGE, readable(max));
        }
        if (declared >= 0 || !mayHaveBody(request)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new CountingRequest(request, max)).build());
    }

    DataSize limitFor(PathContainer path) {
        return limits.stream()
                .filter(limit -> limit.pattern().matches(path))
                .map(Limit::max)
                .findFirst()
                .orElse(defaultMax);
    }

    /** {@code 25MB}, {@code 512KB} or {@code 1000B}: how the limit reads in the problem detail. */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes >= DataSize.ofKilobytes(1).toBytes() && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + "B";
    }

    private static boolean mayHaveBody(ServerHttpRequest request) {
        return request.getHeaders().containsHeader("Transfer-Encoding");
    }

    private record Limit(PathPattern pattern, DataSize max) {
    }

    /** Fails the body stream as soon as more than {@code max} bytes have arrived. */
    private static final class CountingRequest extends ServerHttpRequestDecorator {

        private final DataSize max;

        CountingRequest(ServerHttpRequest delegate, DataSize max) {
            super(delegate);
            this.max = max;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong received = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (received.addAndGet(buffer.readableByteCount()) > max.toBytes()) {
                    DataBufferUtils.release(buffer);
                    sink.error(new GatewayProblemException(GatewayProblem.PAYLOAD_TOO_LARGE, readable(max)));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
