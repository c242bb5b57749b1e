package org.tsbase.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A call for applications as its consumers need it; published on the compacted call topic, keyed by call id, so
 * that scoring and notification never have to ask application-service.
 */
public record CallUpserted(
        String callId,
        String title,
        String district,
        int year,
        Instant applicationOpens,
        Instant applicationCloses,
        LocalDate reviewStarts,
        LocalDate reviewEnds,
        Map<ApplicationType, Integer> quotas,
        Map<ApplicationType, String> rubrics,
        Period assessmentPeriod,
        long version) {

    /** Both ends included. */
    public record Period(LocalDate from, LocalDate to) {
    }
}
