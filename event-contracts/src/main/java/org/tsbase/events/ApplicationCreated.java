package org.tsbase.events;

import java.time.Instant;

public record ApplicationCreated(
        String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        long version,
        Instant createdAt) {
}
