package org.tsbase.events;

import java.time.Instant;
import java.util.Map;

/**
 * Everything scoring needs to score an application without calling anyone: the facts of the organisation and the
 * evidence of the form (field names as in API.md), the call and the application's version.
 */
public record ApplicationSubmitted(
        String applicationId,
        String callId,
        ApplicationType type,
        long version,
        Instant submittedAt,
        OrganizationFacts organization,
        Map<String, Object> evidence) {
}
