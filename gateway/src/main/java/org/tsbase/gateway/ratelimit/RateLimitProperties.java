package org.tsbase.gateway.ratelimit;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token bucket per caller (token subject, or client IP when anonymous), kept in this gateway's
 * memory: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Positive @DefaultValue("20") long requestsPerSecond,
        @Positive @DefaultValue("40") long burst,
        /** How many callers' buckets are kept at most; the least recently used go first. */
        @Positive @DefaultValue("100000") long maxTrackedCallers) {
}
