package org.tsbase.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/** What a failure inside the gateway means for the client. */
record Failure(GatewayProblem problem, HttpStatusCode status, Object[] arguments) {

    static Failure of(GatewayProblem problem, Object... arguments) {
        return new Failure(problem, problem.status(), arguments);
    }

    static Failure classify(Throwable error) {
        if (error instanceof GatewayProblemException refused) {
            return of(refused.problem(), refused.arguments());
        }
        if (error instanceof BulkheadFullException) {
            return of(GatewayProblem.SERVICE_BUSY);
        }
        // an open circuit: Spring Cloud Gateway's Resilience4J circuit breaker filter (no fallbackUri) turns
        // CallNotPermittedException into ServiceUnavailableException
        if (error instanceof CallNotPermittedException || error instanceof ServiceUnavailableException) {
            return of(GatewayProblem.SERVICE_UNAVAILABLE);
        }
        if (error instanceof TimeoutException || hasCause(error, TimeoutException.class)) {
            return of(GatewayProblem.GATEWAY_TIMEOUT);
        }
        if (error instanceof ResponseStatusException status) {
            return GatewayProblem.forStatus(status.getStatusCode().value())
                    .map(Failure::of)
                    .orElseGet(() -> new Failure(GatewayProblem.OTHER, status.getStatusCode(),
                            new Object[] {String.valueOf(status.getStatusCode().value())}));
        }
        if (hasCause(error, ConnectException.class)) {
            return of(GatewayProblem.SERVICE_UNAVAILABLE);
        }
        if (hasCause(error, IOException.class)) {
            // connection reset or closed before a full response: the service answered badly
            return of(GatewayProblem.BAD_GATEWAY);
        }
        return of(GatewayProblem.INTERNAL_ERROR);
    }

    boolean isServerSide() {
        return status.is5xxServerError();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
