package org.tsbase.scoring.call;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.rubric.AssessmentPeriod;

/**
 * scoring-service's own copy of a call, from the compacted call topic: never asked of application-service.
 *
 * @param reviewStarts        first day reviewers may score (Beijing date); null: no period kept
 * @param reviewEnds          last day reviewers may score
 * @param reviewReopenedUntil an ADMIN reopened the review until the end of this day
 * @param resultsPublishedAt  when the district published the results: applicants see their scores from then on
 */
@Document("calls")
public record CallCopy(
        @Id String callId,
        String title,
        Map<ApplicationType, Integer> quotas,
        Map<ApplicationType, String> rubrics,
        LocalDate periodFrom,
        LocalDate periodTo,
        long version,
        LocalDate reviewStarts,
        LocalDate reviewEnds,
        LocalDate reviewReopenedUntil,
        java.time.Instant resultsPublishedAt) {

    public boolean resultsPublished() {
        return resultsPublishedAt != null;
    }

    public AssessmentPeriod period() {
        return new AssessmentPeriod(periodFrom, periodTo);
    }

    public Optional<String> rubricFor(ApplicationType type) {
        return Optional.ofNullable(rubrics == null ? null : rubrics.get(type));
    }

    public int quotaFor(ApplicationType type) {
        return quotas == null ? 0 : quotas.getOrDefault(type, 0);
    }
}
