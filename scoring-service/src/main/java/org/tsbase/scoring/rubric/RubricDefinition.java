package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A validated rubric: how evidence and reviewer scores become points. Built by {@link RubricParser}
 * from a versioned YAML or JSON document; every number and threshold comes from that document.
 *
 * @param id                   e.g. {@code sjs-point-2023}
 * @param version              1, 2, ...: a new upload is a new version, never an edit
 * @param type                 POINT (示范点) or ZONE (示范区)
 * @param title                the standard's title
 * @param baseMax              what the non-bonus criteria add up to (90)
 * @param bonusCap             the most the bonus criteria can add to the total (10)
 * @param passMark             the total that passes (80, 合格标准)
 * @param activitiesCriterion  the criterion ranking uses as the third tie-break (P6 / Z7 活动开展有效)
 * @param reviewPolicy         thresholds for reviewer flags
 * @param criteria             in the order of the standard
 */
public record RubricDefinition(String id, int version, RubricType type, String title, BigDecimal baseMax,
        BigDecimal bonusCap, BigDecimal passMark, String activitiesCriterion, ReviewPolicy reviewPolicy,
        List<CriterionDefinition> criteria) {

    public RubricDefinition {
        criteria = List.copyOf(criteria);
    }

    public Optional<CriterionDefinition> criterion(String criterionId) {
        return criteria.stream().filter(c -> c.id().equals(criterionId)).findFirst();
    }
}
