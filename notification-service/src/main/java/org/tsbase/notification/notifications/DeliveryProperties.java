package org.tsbase.notification.notifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAttempts       attempts of one mail before it is FAILED
 * @param initialBackoff    pause after the first failed attempt; doubled after each further one
 * @param maxBackoff        the longest pause between attempts
 * @param retryPollInterval how often the retry job looks for mails that are due
 * @param claimLease        how long an attempt under way keeps others from sending the same mail
 * @param retryBatch        how many due mails one run of the retry job takes on
 */
@Validated
@ConfigurationProperties("tsbase.notifications.delivery")
record DeliveryProperties(
        @DefaultValue("6") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("10s") Duration retryPollInterval,
        @DefaultValue("2m") Duration claimLease,
        @DefaultValue("100") @Min(1) int retryBatch) {

    /** The pause after {@code attempts} failed attempts: initial × 2^(attempts-1), at most {@code maxBackoff}. */
    Duration backoffAfter(int attempts) {
        Duration pause = initialBackoff;
        for (int i = 1; i < attempts && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
