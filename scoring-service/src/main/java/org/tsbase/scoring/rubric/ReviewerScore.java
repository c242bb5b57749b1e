package org.tsbase.scoring.rubric;

import java.math.BigDecimal;

/**
 * A district reviewer's score for one criterion.
 *
 * @param reviewer who (the token's subject or name)
 * @param points   0..criterion max, at most 2 decimals
 * @param comment  why; required when the score departs far from the automatic one
 *                 (see {@link RubricEngine#reasonRequired})
 */
public record ReviewerScore(String reviewer, BigDecimal points, String comment) {
}
