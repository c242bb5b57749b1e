package org.tsbase.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything scoring needs to score an application without calling anyone: the facts of the organisation and the
 * evidence of the form (field names as in API.md), the call and the application's version, and the eligibility
 * flags found at submission (optional: absent in events written before they existed).
 */
public record ApplicationSubmitted(
        String applicationId,
        String callId,
        ApplicationType type,
        long version,
        Instant submittedAt,
        OrganizationFacts organization,
        Map<String, Object> evidence,
        List<EligibilityFlag> eligibilityFlags) {

    /** The form of this event before eligibility flags were added: no flags. */
    public ApplicationSubmitted(String applicationId, String callId, ApplicationType type, long version,
            Instant submittedAt, OrganizationFacts organization, Map<String, Object> evidence) {
        this(applicationId, callId, type, version, submittedAt, organization, evidence, List.of());
    }

    /**
     * Something a reviewer should look at (never a refusal): {@code CREDIT_CODE_DISTRICT} (the credit code's
     * administrative division is not the call's district), {@code INDUSTRY_NOT_LISTED}, {@code PARK_TYPE_NOT_LISTED},
     * {@code STAFF_MISMATCH} (员工数量 differs from the evidence's totalStaff).
     */
    public record EligibilityFlag(String code, String message) {
    }
}
