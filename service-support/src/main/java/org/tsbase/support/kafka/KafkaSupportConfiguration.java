package org.tsbase.support.kafka;

import java.time.Duration;
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
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.tsbase.support.DependencyFailures;

/**
 * A record that fails by itself gets bounded retries, then goes to {@code <topic>-dlt} (same partition) and the
 * partition moves on; poison (unreadable) records skip the retries. A record that failed because the database or the
 * broker is away, or the store is full ({@link DependencyFailures}), is not at fault: it is tried again, with pauses
 * growing to {@code tsbase.kafka.errors.unavailable-max-interval}, until the dependency answers, and its partition
 * waits for it (every record after it needs the same dependency). Dead-lettering it instead left applications
 * unscored after a restart of the database (three of 100,000 in the capacity run).
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
        handler.setBackOffFunction((record, exception) -> dependencyFailure(exception)
                ? untilItAnswers(props.unavailableMaxInterval()) : null); // null: the bounded back-off above
        handler.setRetryListeners((record, exception, attempt) -> {
            if (dependencyFailure(exception)) {
                log.warn("{}-{}@{} waits for the database or broker (attempt {}): {}", record.topic(),
                        record.partition(), record.offset(), attempt, rootMessage(exception));
            }
        });
        return handler;
    }

    static boolean dependencyFailure(Exception exception) {
        return DependencyFailures.unavailable(exception) || DependencyFailures.storageFull(exception);
    }

    /** Pauses of 1 s, doubling up to {@code maxInterval}, with no limit on the attempts or the time. */
    static BackOff untilItAnswers(Duration maxInterval) {
        ExponentialBackOff backOff = new ExponentialBackOff(Math.min(1000, maxInterval.toMillis()), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        return backOff;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
