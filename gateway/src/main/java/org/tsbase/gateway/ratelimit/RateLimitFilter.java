package org.tsbase.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * If the bucket store fails the request is let through: rate limiting must not take the API down.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final int ORDER = -200;
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final AsyncProxyManager<String> buckets;
    private final BucketConfiguration bucketConfiguration;
    private final ProblemResponses problems;
    private final boolean enabled;

    RateLimitFilter(AsyncProxyManager<String> buckets, BucketConfiguration bucketConfiguration,
            ProblemResponses problems, RateLimitProperties properties) {
        this.buckets = buckets;
        this.bucketConfiguration = bucketConfiguration;
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
                .flatMap(this::tryConsume)
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

    private Mono<ConsumptionProbe> tryConsume(String key) {
        return Mono.fromFuture(() -> buckets.builder()
                        .build(key, () -> CompletableFuture.completedFuture(bucketConfiguration))
                        .tryConsumeAndReturnRemaining(1))
                .onErrorResume(failure -> {
                    log.warn("Rate limit store failed, letting the request through: {}", failure.toString());
                    return Mono.just(ConsumptionProbe.consumed(-1, 0));
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
