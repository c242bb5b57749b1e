package org.tsbase.support.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryInterval pause between attempts of a failing record
 * @param maxRetries    attempts after the first before the record goes to {@code <topic>-dlt}
 */
@ConfigurationProperties("tsbase.kafka.errors")
public record KafkaErrorHandlingProperties(
        @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("3") long maxRetries) {
}
