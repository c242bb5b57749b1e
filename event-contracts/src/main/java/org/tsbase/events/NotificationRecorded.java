package org.tsbase.events;

import java.time.Instant;

/** A notification was sent, or finally failed. Carries no address or phone number. */
public record NotificationRecorded(
        String notificationId,
        String applicationId,
        String creditCode,
        String contactId,
        String channel,
        String triggeringEventType,
        String status,
        int attempts,
        Instant at) {
}
