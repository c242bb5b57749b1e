package org.tsbase.gateway.problem;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code Retry-After} the gateway puts on its own 503s: {@code busy} when a route already has
 * as many requests in flight as it may (a retry soon is likely to pass), {@code unavailable} when
 * the service cannot be reached or its circuit is open. Whole seconds, at least 1.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.retry-after")
public record RetryAfterProperties(
        @NotNull @DefaultValue("1s") Duration busy,
        @NotNull @DefaultValue("5s") Duration unavailable) {

    /** The header value for a wait: whole seconds, rounded up, never 0. */
    static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
