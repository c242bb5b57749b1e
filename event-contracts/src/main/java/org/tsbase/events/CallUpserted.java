package org.tsbase.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A call for applications as its consumers need it; published on the compacted call topic, keyed by call id, so
 * that scoring and notification never have to ask application-service. Every change of a call (also a reopened
 * review or published results) is the whole call again, so that compaction keeps a complete state per call.
 *
 * @param districtCode       the administrative division (行政区划代码, e.g. 110107) applicants are expected in
 * @param resultsPublishedAt when the district published the results (scores may then be shown and mailed to
 *                           applicants); null before
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
        long version,
        String districtCode,
        Instant resultsPublishedAt,
        ReviewReopening reviewReopening,
        Change change) {

    /** The form of this event before issue 9's fields: none of them. */
    public CallUpserted(String callId, String title, String district, int year, Instant applicationOpens,
            Instant applicationCloses, LocalDate reviewStarts, LocalDate reviewEnds, Map<ApplicationType, Integer> quotas,
            Map<ApplicationType, String> rubrics, Period assessmentPeriod, long version) {
        this(callId, title, district, year, applicationOpens, applicationCloses, reviewStarts, reviewEnds, quotas,
                rubrics, assessmentPeriod, version, null, null, null, null);
    }

    /** The review opened again by ADMIN, from {@code at} until the end of {@code until} (Beijing time). */
    public record ReviewReopening(LocalDate until, String reason, String by, Instant at) {
    }

    /**
     * What this version changed, for the audit trail: {@code CREATED}, {@code UPDATED}, {@code REVIEW_REOPENED},
     * {@code RESULTS_PUBLISHED}; who, when and why (null when no reason is asked).
     */
    public record Change(String kind, String by, Instant at, String reason) {
    }

    /** Both ends included. */
    public record Period(LocalDate from, LocalDate to) {
    }
}
