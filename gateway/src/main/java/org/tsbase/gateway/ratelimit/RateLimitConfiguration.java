package org.tsbase.gateway.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In-memory buckets per caller (Bucket4j in a Caffeine cache), no Redis; see {@link RateLimitFilter}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    CallerBuckets rateLimitBuckets(RateLimitProperties properties) {
        return new CallerBuckets(properties);
    }
}
