package org.tsbase.application.call;

import java.time.LocalDate;
import java.util.Map;
import org.tsbase.events.ApplicationType;

/**
 * A call as an administrator writes it. {@code applicationOpens} and {@code applicationCloses} take a date
 * ({@code 2023-05-31}: the start, resp. the end, of that day in Beijing time) or a date-time; the assessment period
 * defaults to the 12 months ending on the day applications close.
 */
public record CallRequest(
        String callId,
        String title,
        String district,
        Integer year,
        String applicationOpens,
        String applicationCloses,
        LocalDate reviewStarts,
        LocalDate reviewEnds,
        Map<ApplicationType, Integer> quotas,
        Map<ApplicationType, String> rubrics,
        Call.Period assessmentPeriod) {
}
