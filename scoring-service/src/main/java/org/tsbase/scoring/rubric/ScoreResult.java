package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * An application's score under one rubric version. All amounts have scale 2.
 *
 * @param base             sum of the final points of the non-bonus criteria
 * @param bonusBeforeCap   sum of the final points of the bonus criteria
 * @param bonus            {@code min(bonusBeforeCap, bonusCap)}
 * @param total            base + bonus
 * @param activitiesPoints final points of the activities criterion (P6 / Z7), the ranking's third tie-break
 * @param passed           total >= pass mark
 */
public record ScoreResult(String rubricId, int rubricVersion, RubricType type, List<CriterionScore> criteria,
        BigDecimal base, BigDecimal bonusBeforeCap, BigDecimal bonusCap, BigDecimal bonus, BigDecimal total,
        BigDecimal passMark, boolean passed, BigDecimal activitiesPoints) {

    public ScoreResult {
        criteria = List.copyOf(criteria);
    }

    public Optional<CriterionScore> criterion(String criterionId) {
        return criteria.stream().filter(c -> c.id().equals(criterionId)).findFirst();
    }
}
