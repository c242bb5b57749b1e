package org.tsbase.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The circuit breakers' {@code fallbackUri: forward:/fallback}: turns a downstream failure
 * (refused connection, timeout, open circuit, full bulkhead) into 502/503/504 problem+json, the
 * 503s with {@code Retry-After}. Only reachable by forwarding; security denies it to clients.
 */
@Configuration(proxyBeanMethods = false)
class FallbackRoutes {

    static final String PATH = "/fallback";

    private static final Logger log = LoggerFactory.getLogger(FallbackRoutes.class);

    @Bean
    RouterFunction<ServerResponse> fallbackRoute(ProblemResponses problems) {
        return RouterFunctions.route(RequestPredicates.path(PATH), request -> {
            ServerWebExchange exchange = request.exchange();
            Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            String routeId = route != null ? route.getId() : "?";
            Throwable cause = failure != null ? failure : new IllegalStateException("fallback without failure");
            Failure classified = Failure.classify(cause);
            // a full bulkhead is the gateway shedding load as configured: the request's own log
            // line (-> 503) says enough, and a warning per refused request would add to the load
            if (classified.isServerSide() && classified.problem() != GatewayProblem.SERVICE_BUSY) {
                try (var ignored = ProblemResponses.requestIdInMdc(exchange)) {
                    log.warn("Route {} failed: {}", routeId, cause.toString());
                }
            }
            return problems.write(exchange, cause).then(Mono.empty());
        });
    }
}
