package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How one sub-item was scored automatically.
 *
 * @param itemId          e.g. {@code Z7.1}
 * @param text            the requirement in the words of the standard
 * @param rule            the rule applied; empty for a reviewer-only item
 * @param reviewerOnly    only a reviewer can award it (automatic 0)
 * @param pointsAvailable what it is worth
 * @param pointsAwarded   what the evidence earned
 * @param evidenceRead    fact name → the value the rule read (Boolean, Long, BigDecimal or list of codes)
 */
public record ItemScore(String itemId, String text, String rule, boolean reviewerOnly, BigDecimal pointsAvailable,
        BigDecimal pointsAwarded, Map<String, Object> evidenceRead) {
}
