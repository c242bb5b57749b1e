package org.tsbase.application.call;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.tsbase.events.ApplicationType;

/** A call as clients see it; times in Beijing time, whether applications are accepted now and whether reviewers may give opinions. */
record CallView(
        String callId,
        String title,
        String district,
        int year,
        OffsetDateTime applicationOpens,
        OffsetDateTime applicationCloses,
        LocalDate reviewStarts,
        LocalDate reviewEnds,
        Map<ApplicationType, Integer> quotas,
        Map<ApplicationType, String> rubrics,
        Call.Period assessmentPeriod,
        Call.Phase phase,
        String districtCode,
        boolean sealedFormRequired,
        String declarationText,
        OffsetDateTime resultsPublishedAt,
        Call.ReviewReopening reviewReopening,
        boolean reviewOpen,
        long version) {

    static CallView of(Call c, Instant now) {
        return new CallView(c.callId(), c.title(), c.district(), c.year(), local(c.applicationOpens()),
                local(c.applicationCloses()), c.reviewStarts(), c.reviewEnds(), c.quotas(), c.rubrics(),
                c.assessmentPeriod(), c.phaseAt(now), c.districtCode(), c.sealedFormRequired(), c.declarationText(),
                c.resultsPublishedAt() == null ? null : local(c.resultsPublishedAt()), c.reviewReopening(),
                c.reviewOpenAt(now), c.version());
    }

    private static OffsetDateTime local(Instant instant) {
        return instant.atZone(Call.ZONE).toOffsetDateTime();
    }
}
