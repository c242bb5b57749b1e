package org.tsbase.application.call;

import java.time.LocalDate;
import io.swagger.v3.oas.annotations.media.Schema;
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
        Call.Period assessmentPeriod,
        @Schema(description = "行政区划代码 of the district, e.g. 110107 (石景山区); optional") String districtCode,
        @Schema(description = "whether submission needs a SEALED_FORM attachment; default false") Boolean sealedFormRequired,
        @Schema(description = "the 承诺 applicants accept on submission ({\"declarationAccepted\": true}); optional",
                maxLength = 2000) String declarationText) {
}
