package org.tsbase.gateway.resilience;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One circuit breaker per route (named by the route id): it opens when {@code failureRatePercent}
 * of the last {@code slidingWindowSize} calls failed (counted once {@code minimumCalls} were made)
 * and lets a few calls through again after {@code waitInOpenState}. Timeouts are the routes'
 * {@code response-timeout}, not the breaker's.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.circuit-breaker")
record CircuitBreakerProperties(
        @Positive @Max(100) @DefaultValue("50") float failureRatePercent,
        @Positive @DefaultValue("20") int slidingWindowSize,
        @Positive @DefaultValue("10") int minimumCalls,
        @NotNull @DefaultValue("30s") Duration waitInOpenState) {
}
