package org.tsbase.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Renders every error that escapes the gateway's own handling as problem+json instead of Boot's
 * default error JSON: no route, bad request line, unexpected failures, and what happened on the way
 * to a service (refused connection, dropped connection, timeout, open circuit, full bulkhead; the
 * routes' circuit breakers have no fallback, see application.yml), classified by {@link Failure}.
 */
@Component
@Order(-2) // ahead of Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;

    ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Failure failure = Failure.classify(error);
        try (var ignored = ProblemResponses.requestIdInMdc(exchange)) {
            if (failure.problem() == GatewayProblem.INTERNAL_ERROR) {
                log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
            } else if (failure.isServerSide() && failure.problem() != GatewayProblem.SERVICE_BUSY) {
                // a full bulkhead is the gateway shedding load as configured: the request's own log
                // line (-> 503) says enough, and a warning per refused request would add to the load
                Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
                log.warn("{} {} failed (route {}): {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), route != null ? route.getId() : "-", error.toString());
            }
        }
        return problems.write(exchange, error);
    }
}
