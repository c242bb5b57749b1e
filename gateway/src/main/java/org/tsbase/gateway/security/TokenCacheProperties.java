package org.tsbase.gateway.security;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many verified tokens the gateway remembers (see {@link CachingReactiveJwtDecoder}); 0 verifies
 * every request's token again.
 */
@Validated
@ConfigurationProperties("tsbase.gateway.token-cache")
record TokenCacheProperties(@PositiveOrZero @DefaultValue("10000") long maximumTokens) {
}
