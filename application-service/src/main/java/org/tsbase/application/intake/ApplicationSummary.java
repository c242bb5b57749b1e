package org.tsbase.application.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.tsbase.events.ApplicationType;

/** One line of a list of applications. */
record ApplicationSummary(String id, String callId, ApplicationType type, ApplicationStatus status, long version,
        String creditCode, String organizationName, BigDecimal total, Boolean passed, Instant createdAt,
        Instant updatedAt, Instant submittedAt) {

    /** @param scoreVisible false for an applicant before the call's results are published */
    static ApplicationSummary of(Application a, boolean scoreVisible) {
        Application.Score score = scoreVisible ? a.score() : null;
        return new ApplicationSummary(a.id(), a.callId(), a.type(), a.status(), a.version(), a.creditCode(),
                a.organizationName(), score == null ? null : score.total(),
                score == null ? null : score.passed(), a.createdAt(), a.updatedAt(), a.submittedAt());
    }

    /** A page of the list; {@code page} counts from 0. */
    record Page(List<ApplicationSummary> items, int page, int size, long totalElements, long totalPages) {
    }
}
