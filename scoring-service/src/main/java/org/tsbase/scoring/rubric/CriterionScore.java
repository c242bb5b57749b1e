package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One criterion's line of a score.
 *
 * @param automaticPoints sum of the items the evidence earned (for the bonus criterion it may exceed the
 *                        max; the cap applies to the total bonus)
 * @param reviews         reviewer scores, one per reviewer
 * @param finalPoints     mean of the reviewer scores where any reviewer scored it, else automatic
 * @param reviewed        whether reviewer scores replaced the automatic score
 */
public record CriterionScore(String id, String title, BigDecimal max, boolean bonus, BigDecimal automaticPoints,
        List<ItemScore> items, List<ReviewerScore> reviews, BigDecimal finalPoints, boolean reviewed,
        Set<CriterionFlag> flags) {

    public CriterionScore {
        // a stored result read without its items (a replay compares results without them) has none
        items = items == null ? List.of() : List.copyOf(items);
        reviews = List.copyOf(reviews);
        flags = Set.copyOf(flags);
    }
}
