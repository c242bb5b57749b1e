package org.tsbase.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.tsbase.gateway.problem.GatewayProblem;
import org.tsbase.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Limits each caller on every routed request. Over the limit: 429 problem+json with
 * {@code Retry-After} (whole seconds until a token is back); the service never sees the request.
 * For a benchmark, raise it (e.g. {@code -Dtsbase.gateway.rate-limit.requests-per-second=100000
 * -Dtsbase.gateway.rate-limit.burst=100000} in {@code TSBASE_SERVICE_JAVA_OPTS}) or switch it off
 * ({@code tsbase.gateway.rate-limit.enabled=false}).
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final int ORDER = -200;
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final CallerBuckets buckets;
    private final ProblemResponses problems;
    private final boolean enabled;

    RateLimitFilter(CallerBuckets buckets, ProblemResponses problems, RateLimitProperties properties) {
        this.buckets = buckets;
        this.problems = problems;
        this.enabled = properties.enabled();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        return callerKey(exchange)
                .map(buckets::tryConsume)
                .flatMap(probe -> {
                    if (probe.isConsumed()) {
                        exchange.getResponse().getHeaders()
                                .set(REMAINING_HEADER, Long.toString(probe.getRemainingTokens()));
                        return chain.filter(exchange);
                    }
                    long retryAfter = Math.max(1,
                            TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                    exchange.getResponse().getHeaders().set(REMAINING_HEADER, "0");
                    return problems.write(exchange, GatewayProblem.TOO_MANY_REQUESTS, Long.toString(retryAfter));
                });
    }

    /** The token subject when authenticated, else the client's IP address. */
    static Mono<String> callerKey(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(subject -> "sub:" + subject)
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange)));
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
