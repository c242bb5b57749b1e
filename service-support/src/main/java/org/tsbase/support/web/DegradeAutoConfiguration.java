package org.tsbase.support.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every service degrades instead of hanging: bounded concurrency with a quick 503 ({@link OverloadFilter}) and short
 * MongoDB driver timeouts ({@link FailFastMongoSettings}), whose failures {@link ProblemDetailsAdvice} answers with
 * 503 and {@code Retry-After}.
 */
@AutoConfiguration(afterName = "org.tsbase.support.TsbaseSupportAutoConfiguration")
@EnableConfigurationProperties({OverloadProperties.class, MongoTimeoutProperties.class})
public class DegradeAutoConfiguration {

    @Bean
    FailFastMongoSettings failFastMongoSettings(ObjectProvider<MongoConnectionDetails> connection,
            MongoTimeoutProperties timeouts) {
        MongoConnectionDetails details = connection.getIfAvailable();
        return new FailFastMongoSettings(details == null ? null : details.getConnectionString(), timeouts);
    }

    /**
     * The documents' indexes, built at start without a read timeout ({@link StartupIndexes}). Not conditional on the
     * Mongo beans: this configuration runs before Boot's Mongo auto-configuration (its client customizer must exist
     * first), so such a condition would never hold; the beans are looked up when the indexes are built.
     */
    @Bean
    StartupIndexes startupIndexes(ObjectProvider<MongoConnectionDetails> connection,
            ObjectProvider<org.springframework.data.mongodb.MongoDatabaseFactory> databases,
            ObjectProvider<org.springframework.data.mongodb.core.mapping.MongoMappingContext> mapping) {
        return new StartupIndexes(connection, databases, mapping);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Overload {

        @Bean
        FilterRegistrationBean<OverloadFilter> overloadFilter(ProblemWriter problems, OverloadProperties properties,
                ObjectProvider<MeterRegistry> meters) {
            OverloadFilter filter = new OverloadFilter(problems, properties);
            meters.ifAvailable(registry -> bindMetrics(filter, registry));
            FilterRegistrationBean<OverloadFilter> registration = new FilterRegistrationBean<>(filter);
            // after the request size check, before security: a flood of unauthenticated requests counts too
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }

        private static void bindMetrics(OverloadFilter filter, MeterRegistry registry) {
            Gauge.builder("tsbase.http.overload.available", filter.bulkhead(),
                            b -> b.getMetrics().getAvailableConcurrentCalls())
                    .description("request slots free now").register(registry);
            Counter rejected = Counter.builder("tsbase.http.overload.rejected")
                    .description("requests answered 503 because no slot became free in time").register(registry);
            filter.bulkhead().getEventPublisher().onCallRejected(event -> rejected.increment());
        }
    }
}
