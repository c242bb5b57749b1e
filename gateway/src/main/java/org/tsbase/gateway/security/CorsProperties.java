package org.tsbase.gateway.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser access from other origins (the frontend's dev server by default). Credentials are never
 * allowed: the frontend sends a bearer token, not cookies.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.cors")
record CorsProperties(
        @NotNull @DefaultValue("http://localhost:5173") List<String> allowedOrigins,
        @NotEmpty @DefaultValue({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @NotEmpty @DefaultValue({"Authorization", "Content-Type", "Accept", "Accept-Language", "If-Match",
                "If-None-Match", "X-Request-Id"}) List<String> allowedHeaders,
        @NotNull @DefaultValue({"X-Request-Id", "ETag", "Location", "Retry-After"}) List<String> exposedHeaders,
        @NotNull @DefaultValue("1h") Duration maxAge) {
}
