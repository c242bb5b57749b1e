package org.tsbase.events;

import java.time.Instant;

public record ApplicationWithdrawn(
        String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        long version,
        String previousStatus,
        Instant withdrawnAt) {
}
