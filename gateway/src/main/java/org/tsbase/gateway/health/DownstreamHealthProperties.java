package org.tsbase.gateway.health;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How readiness checks the services: {@code path} on each base URL, each call cut off after
 * {@code timeout}, the combined answer reused for {@code cacheFor} (0 = ask every time).
 */
@Validated
@ConfigurationProperties("tsbase.gateway.downstream-health")
record DownstreamHealthProperties(
        @NotBlank @DefaultValue("/actuator/health") String path,
        @NotNull @DefaultValue("1s") Duration timeout,
        @NotNull @DefaultValue("5s") Duration cacheFor) {
}
