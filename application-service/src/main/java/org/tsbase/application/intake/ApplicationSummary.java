package org.tsbase.application.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.tsbase.events.ApplicationType;

/** One line of a list of applications. */
record ApplicationSummary(String id, String callId, ApplicationType type, ApplicationStatus status, long version,
        String creditCode, String organizationName, BigDecimal total, Boolean passed, Instant createdAt,
        Instant updatedAt, Instant submittedAt) {

    static ApplicationSummary of(Application a) {
        return new ApplicationSummary(a.id(), a.callId(), a.type(), a.status(), a.version(), a.creditCode(),
                a.organizationName(), a.score() == null ? null : a.score().total(),
                a.score() == null ? null : a.score().passed(), a.createdAt(), a.updatedAt(), a.submittedAt());
    }

    /** A page of the list; {@code page} counts from 0. */
    record Page(List<ApplicationSummary> items, int page, int size, long totalElements, long totalPages) {
    }
}
