package org.tsbase.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsbase.gateway.problem.GatewayProblemException;

/**
 * Default settings for the per-route breakers that {@code default-filters: CircuitBreaker}
 * creates. A request the gateway itself refuses (a body over its limit) is not a failure of the
 * service and does not count.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
class CircuitBreakerConfiguration {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakerDefaults(CircuitBreakerProperties properties) {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRatePercent())
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.waitInOpenState())
                .ignoreExceptions(GatewayProblemException.class)
                .build();
        // The time limiter is switched off (spring.cloud.circuitbreaker.resilience4j.disable-time-limiter);
        // this config only matters if someone switches it back on.
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.ofDefaults();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(timeLimiter)
                .build());
    }
}
