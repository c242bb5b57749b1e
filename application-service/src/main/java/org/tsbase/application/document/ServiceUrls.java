package org.tsbase.application.document;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dossier fetches what other services print (not through the gateway: service to service, with the
 * caller's own token, so scoring-service applies its own rules to the caller).
 *
 * @param scoringUrl     scoring-service's base URL (the local stack sets it to its port)
 * @param requestTimeout how long one document may take before the dossier notes it as missing
 */
@ConfigurationProperties("tsbase.services")
public record ServiceUrls(
        @DefaultValue("http://127.0.0.1:8082") URI scoringUrl,
        @DefaultValue("30s") Duration requestTimeout) {
}
