package org.tsbase.support.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Bounded retries, then the record goes to {@code <topic>-dlt} (same partition) and the partition moves on.
 * Poison (unreadable) records skip the retries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaErrorHandlingProperties.class)
public class KafkaSupportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaSupportConfiguration.class);

    /**
     * Consumers of a busy listener ({@code @KafkaListener(concurrency = CONSUMERS_PER_LISTENER)}): one per partition
     * (3) by default, {@code tsbase.kafka.consumers} to change it. A record of these listeners mostly waits for its
     * database writes, so one consumer fell behind the intake (scoring at 17 submissions/s against 45/s arriving);
     * a key's records share a partition and so a consumer, and keep their order.
     */
    public static final String CONSUMERS_PER_LISTENER = "${tsbase.kafka.consumers:3}";

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, KafkaErrorHandlingProperties props) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            // topic coordinates and the exception only: the value may hold personal data
            log.error("dead-lettering {}-{}@{} after failure: {}", record.topic(), record.partition(),
                    record.offset(), rootMessage(exception));
            recoverer.accept(record, exception);
        }, new FixedBackOff(props.retryInterval().toMillis(), props.maxRetries()));
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return handler;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
