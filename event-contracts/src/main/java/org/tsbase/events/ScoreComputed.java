package org.tsbase.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A score result changed. Published only when it changed: recomputing with the same inputs publishes nothing. */
public record ScoreComputed(
        String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        long applicationVersion,
        String rubricId,
        int rubricVersion,
        BigDecimal base,
        BigDecimal bonus,
        BigDecimal total,
        boolean passed,
        List<CriterionPoints> criteria,
        String cause,
        long resultVersion,
        Instant computedAt) {

    public record CriterionPoints(String id, BigDecimal max, BigDecimal finalPoints) {
    }
}
