package org.tsbase.scoring.sheet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * Everything scoring knows of one application, in one document: the facts of its latest submission (from the
 * event alone), the reviewers' scores, the current result, the append-only history of earlier results, and the
 * outbox. A change of result and its {@code score.computed.v1} event are written in one update of this document.
 *
 * @param evidence the submitted evidence, with the organisation's {@code enterprisesInPark} added for a ZONE
 * @param revision guards every update (optimistic concurrency)
 */
@Document("scoresheets")
public record ScoreSheet(
        @Id String applicationId,
        @Indexed String callId,
        ApplicationType type,
        @Indexed String creditCode,
        String organizationName,
        String parkCreditCode,
        long applicationVersion,
        Instant submittedAt,
        boolean withdrawn,
        Map<String, Object> evidence,
        List<Review> reviews,
        CurrentResult result,
        List<HistoryEntry> history,
        long revision,
        List<OutboxEntry> outbox) {

    public ScoreSheet {
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
        history = history == null ? List.of() : List.copyOf(history);
        outbox = outbox == null ? List.of() : outbox;
    }

    /** One reviewer's score of one criterion. A reviewer's later review replaces all of that reviewer's scores. */
    public record Review(String reviewer, String criterionId, java.math.BigDecimal points, String comment, Instant at) {
    }

    /**
     * The current result and what caused it.
     *
     * @param cause SUBMISSION, REVIEW or RESCORE
     * @param by    who caused it: a reviewer's subject, an admin's, or the event's id
     */
    public record CurrentResult(ScoreResult score, long applicationVersion, long resultVersion, String cause,
            String by, Instant computedAt) {
    }

    /** An earlier result, kept when a newer one replaced it. */
    public record HistoryEntry(long resultVersion, String rubricId, int rubricVersion, java.math.BigDecimal base,
            java.math.BigDecimal bonus, java.math.BigDecimal total, boolean passed,
            Map<String, java.math.BigDecimal> criteria, String cause, String by, Instant computedAt,
            Instant replacedAt) {
    }
}
