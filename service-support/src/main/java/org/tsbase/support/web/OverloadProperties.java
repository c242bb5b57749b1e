package org.tsbase.support.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much work one service takes on at once ({@link OverloadFilter}).
 *
 * @param maxConcurrent requests that may work at the same time; the next ones wait for a slot
 * @param maxWait       how long a request waits for a slot before it is answered 503
 * @param retryAfter    the {@code Retry-After} of that 503 (whole seconds, at least 1)
 * @param exempt        path prefixes never limited: health probes and the other actuator endpoints
 */
@ConfigurationProperties("tsbase.overload")
public record OverloadProperties(
        @DefaultValue("64") int maxConcurrent,
        @DefaultValue("1s") Duration maxWait,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("/actuator/") List<String> exempt) {

    public OverloadProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("tsbase.overload.max-concurrent must be at least 1");
        }
    }
}
