package org.tsbase.gateway.resilience;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * At most {@code maxConcurrentCalls} requests in flight per route (a Resilience4j semaphore
 * bulkhead named after the route, {@code routes.<route-id>} to set one route apart). A request
 * beyond that is not queued: it gets 503 {@code service-busy} with {@code Retry-After} at once, so
 * an overloaded service is not also buried under a queue that only ends in 504s.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.bulkhead")
record BulkheadProperties(
        @Positive @DefaultValue("16") int maxConcurrentCalls,
        @NotNull @DefaultValue Map<String, @NotNull @Positive Integer> routes) {

    int maxConcurrentCalls(String routeId) {
        return routes.getOrDefault(routeId, maxConcurrentCalls);
    }
}
