package org.tsbase.gateway.health;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Base URLs of the services behind the gateway. The routes in {@code application.yml} use the
 * same properties (defaults there: http://127.0.0.1:8081 to 8084).
 */
@Validated
@ConfigurationProperties("tsbase.gateway.services")
record DownstreamServicesProperties(
        @NotNull URI application,
        @NotNull URI scoring,
        @NotNull URI notification,
        @NotNull URI contact) {

    Map<String, URI> byName() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("application", application);
        services.put("scoring", scoring);
        services.put("notification", notification);
        services.put("contact", contact);
        return services;
    }
}
