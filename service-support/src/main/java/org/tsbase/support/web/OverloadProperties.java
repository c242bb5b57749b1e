package org.tsbase.support.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much work one service takes on at once ({@link OverloadFilter}). The defaults are for the 2-core machine where
 * seven processes share the cores: at 60 applicants/s (six times what the stack sustains) 64 requests at once with a
 * 1 s wait left refusals arriving 29 s (p99) after they were sent and 815 reads without an answer in 30 s, directly
 * at the services; 8 at once with a 100 ms wait gave refusals within 0.8 s and none without an answer
 * ({@code bench/results/2026-11-29-quiet-overload-60*.md}). Raise both on a machine of its own.
 *
 * @param maxConcurrent requests that may work at the same time; the next ones wait for a slot
 * @param maxWait       how long a request waits for a slot before it is answered 503
 * @param retryAfter    the {@code Retry-After} of that 503 (whole seconds, at least 1)
 * @param exempt        path prefixes never limited: health probes and the other actuator endpoints
 */
@ConfigurationProperties("tsbase.overload")
public record OverloadProperties(
        @DefaultValue("8") int maxConcurrent,
        @DefaultValue("100ms") Duration maxWait,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("/actuator/") List<String> exempt) {

    public OverloadProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("tsbase.overload.max-concurrent must be at least 1");
        }
    }
}
