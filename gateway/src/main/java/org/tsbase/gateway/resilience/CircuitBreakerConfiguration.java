package org.tsbase.gateway.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsbase.gateway.problem.GatewayProblemException;

/**
 * Default settings for the per-route breakers that {@code default-filters: CircuitBreaker}
 * creates, and for the bulkhead Spring Cloud CircuitBreaker puts inside each of them. A request
 * the gateway itself refuses (a body over its limit, a full bulkhead) is not a failure of the
 * service and does not count towards opening the circuit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CircuitBreakerProperties.class, BulkheadProperties.class})
class CircuitBreakerConfiguration {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakerDefaults(CircuitBreakerProperties properties) {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRatePercent())
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.waitInOpenState())
                .ignoreExceptions(GatewayProblemException.class, BulkheadFullException.class)
                .build();
        // The time limiter is switched off (spring.cloud.circuitbreaker.resilience4j.disable-time-limiter);
        // this config only matters if someone switches it back on.
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.ofDefaults();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(timeLimiter)
                .build());
    }

    /**
     * The route's bulkhead (named after the route; Resilience4j's default would be 25 calls). No
     * waiting for a permit: the excess is refused at once, and {@code Failure} makes the refusal a
     * 503 service-busy with Retry-After (it used to fall through to a 500), which the breaker above
     * ignores (it used to count towards opening the circuit).
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> routeBulkheads(BulkheadProperties properties) {
        return provider -> provider.configureDefault(routeId -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.maxConcurrentCalls(routeId))
                        .maxWaitDuration(Duration.ZERO)
                        .writableStackTraceEnabled(false)
                        .build())
                .build());
    }
}
