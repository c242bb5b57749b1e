package org.tsbase.scoring.rubric;

import java.math.BigDecimal;

/**
 * When reviewer scores call for attention, as shares of a criterion's max (0.5 = half).
 *
 * @param spreadFlagShare       flag REVIEWER_SPREAD when the highest minus the lowest reviewer score of a
 *                              criterion is more than this share of its max
 * @param reasonRequiredShare   a reviewer whose score departs from the automatic score by more than this
 *                              share of the criterion max must give a reason
 */
public record ReviewPolicy(BigDecimal spreadFlagShare, BigDecimal reasonRequiredShare) {
}
