package org.tsbase.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In-memory buckets (Caffeine), no Redis. The {@link AsyncProxyManager} bean also switches on
 * Spring Cloud Gateway's {@code Bucket4jRateLimiter}; the gateway uses it through
 * {@link RateLimitFilter} instead, which answers 429 with {@code Retry-After} and problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    AsyncProxyManager<String> rateLimitBuckets(RateLimitProperties properties) {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(properties.maxTrackedCallers()))
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        // a bucket that has refilled completely is no different from a new one: drop it
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .build()
                .asAsync();
    }

    @Bean
    BucketConfiguration rateLimitBucketConfiguration(RateLimitProperties properties) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.burst())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
