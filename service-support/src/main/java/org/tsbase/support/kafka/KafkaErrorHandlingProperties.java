package org.tsbase.support.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryInterval pause between attempts of a failing record
 * @param maxRetries    attempts after the first before the record goes to {@code <topic>-dlt}
 * @param unavailableMaxInterval the longest pause between attempts of a record that failed because the database or
 *                      the broker is away or the store is full (tried until it answers, never dead-lettered)
 */
@ConfigurationProperties("tsbase.kafka.errors")
public record KafkaErrorHandlingProperties(
        @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("3") long maxRetries,
        @DefaultValue("30s") Duration unavailableMaxInterval) {
}
