package org.tsbase.support;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.LocaleResolver;
import org.tsbase.support.kafka.KafkaSupportConfiguration;
import org.tsbase.support.ops.MongoMapKeys;
import org.tsbase.support.ops.MongoPingHealthIndicator;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxProperties;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.web.ProblemDetailsAdvice;
import org.tsbase.support.web.ProblemWriter;
import org.tsbase.support.web.RequestSizeLimitFilter;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/** What every TS-Base service gets by depending on service-support. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"})
@EnableScheduling
@EnableConfigurationProperties({SupportProperties.class, OutboxProperties.class})
@Import(KafkaSupportConfiguration.class)
public class TsbaseSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Strict JSON (issue 8, hostile corpus): a key given twice is refused instead of the last one winning (so
     * {@code {"dryRun":true,"dryRun":false}} cannot slip past a reader), and a number is not a boolean.
     */
    @Bean
    public JsonMapperBuilderCustomizer tsbaseStrictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }

    @Bean
    ProblemWriter problemWriter(MessageSource messages, LocaleResolver localeResolver, JsonMapper json) {
        return new ProblemWriter(messages, localeResolver, json);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(ProblemWriter problems) {
        return new ProblemDetailsAdvice(problems);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ProblemWriter problems, SupportProperties props) {
        FilterRegistrationBean<RequestSizeLimitFilter> reg = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(problems, props.maxBody(), props.maxMultipart()));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return reg;
    }

    @Bean
    OutboxEvents outboxEvents(Clock clock) {
        return new OutboxEvents(clock);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, Environment environment,
            OutboxProperties outbox, Clock clock) {
        // the service's name becomes the CloudEvents source: /tsbase/<spring.application.name>
        return new OutboxRelay(mongo, kafka, environment.getRequiredProperty("spring.application.name"), outbox, clock);
    }

    @Bean
    static MongoMapKeys mongoMapKeys() {
        return new MongoMapKeys();
    }

    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

}
