package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;

/**
 * A criterion of the standard, e.g. P6 活动开展有效 (30).
 *
 * @param bonus true for the 酌情加分 criterion, whose total is capped by the rubric's bonus cap
 */
public record CriterionDefinition(String id, String title, BigDecimal max, boolean bonus, List<ItemDefinition> items) {

    public CriterionDefinition {
        items = List.copyOf(items);
    }
}
