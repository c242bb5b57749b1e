package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A sub-item of a criterion.
 *
 * @param id           e.g. {@code P6.4}
 * @param text         the requirement in the words of the standard
 * @param points       points it is worth (scale 2)
 * @param rule         the automatic rule, e.g. {@code trainingsWithLedgerInPeriod >= 2}; empty for a
 *                     reviewer-only item
 * @param reviewerOnly true for items only a reviewer can judge ("(10) 其他加分情况"): automatic 0
 */
public record ItemDefinition(String id, String text, BigDecimal points, String rule, boolean reviewerOnly) {

    /** The automatic rule, absent for reviewer-only items. */
    public Optional<String> automaticRule() {
        return reviewerOnly || rule == null || rule.isBlank() ? Optional.empty() : Optional.of(rule);
    }
}
