package org.tsbase.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tsbase.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an {@code X-Request-Id}: the caller's if it is well-formed, else a new
 * UUID. The id goes downstream, back on the response, into problem bodies, into the logging MDC
 * (via the Reactor context) and onto the server observation. Runs before security so that
 * 401s carry it too. Logs one line per request: method, path, status, time; never headers,
 * query strings or bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";

    /** Letters, digits, dot, underscore and dash only, so an id can be logged as it is. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = requestIdOf(exchange.getRequest());
        long started = System.nanoTime();
        exchange.getAttributes().put(ProblemResponses.REQUEST_ID_ATTRIBUTE, requestId);
        exchange.getAttributes().put(ProblemResponses.CLIENT_PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of("request.id", requestId)));
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(HEADER, requestId))
                .build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        return chain.filter(withId)
                .doFinally(signal -> logCompletion(withId, requestId, started))
                .contextWrite(Context.of(RequestIdLogging.CONTEXT_KEY, requestId));
    }

    static String requestIdOf(ServerHttpRequest request) {
        String offered = request.getHeaders().getFirst(HEADER);
        return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private static void logCompletion(ServerWebExchange exchange, String requestId, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        long millis = (System.nanoTime() - started) / 1_000_000;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdLogging.MDC_KEY, requestId)) {
            log.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status != null ? status.value() : "-", millis);
        }
    }
}
