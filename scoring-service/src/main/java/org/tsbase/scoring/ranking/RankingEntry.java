package org.tsbase.scoring.ranking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;

/**
 * An application as ranking sees it.
 *
 * @param activitiesPoints final points of the activities criterion (P6 / Z7)
 * @param submittedAt      when it was submitted; earlier wins the last tie-break
 */
public record RankingEntry(String applicationId, RubricType type, BigDecimal total, BigDecimal base,
        BigDecimal activitiesPoints, Instant submittedAt, boolean passed) {

    public RankingEntry {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(activitiesPoints, "activitiesPoints");
    }

    /** The entry for an application's current score. */
    public static RankingEntry of(String applicationId, Instant submittedAt, ScoreResult score) {
        return new RankingEntry(applicationId, score.type(), score.total(), score.base(), score.activitiesPoints(),
                submittedAt, score.passed());
    }
}
