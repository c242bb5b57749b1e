package org.tsbase.application.call;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.CallUpserted;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * A call for applications (申报批次): its window, review period, quota and rubric per type and the assessment period
 * in which dated evidence counts. All of it is data; nothing about a year is in code.
 *
 * @param applicationCloses the last second in which an application may be submitted (inclusive)
 * @param assessmentPeriod  both ends included
 * @param districtCode      行政区划代码 of the district (110107 for 石景山区): a credit code from elsewhere is flagged
 * @param sealedFormRequired whether submission needs a {@code SEALED_FORM} attachment (the sealed scan of the form)
 * @param declarationText   the 承诺 an applicant accepts when submitting; null: none asked
 * @param resultsPublishedAt when the district published the results; before, applicants do not see their score
 * @param reviewReopening   the review opened again by ADMIN (the latest reopening), or null
 */
@Document(Call.COLLECTION)
public record Call(
        @Id String callId,
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
        String districtCode,
        boolean sealedFormRequired,
        String declarationText,
        Instant resultsPublishedAt,
        ReviewReopening reviewReopening,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<OutboxEntry> outbox) {

    public static final String COLLECTION = "calls";

    /**
     * How a stored call is read: a call stored before {@code sealedFormRequired} existed has none, read as false
     * (a primitive parameter would make every such call unreadable: 500 on GET /api/calls/{id}).
     */
    @org.springframework.data.annotation.PersistenceCreator
    public Call(String callId, String title, String district, int year, Instant applicationOpens,
            Instant applicationCloses, LocalDate reviewStarts, LocalDate reviewEnds, Map<ApplicationType, Integer> quotas,
            Map<ApplicationType, String> rubrics, Period assessmentPeriod, String districtCode,
            Boolean sealedFormRequired, String declarationText, Instant resultsPublishedAt,
            ReviewReopening reviewReopening, long version, Instant createdAt, Instant updatedAt,
            List<OutboxEntry> outbox) {
        this(callId, title, district, year, applicationOpens, applicationCloses, reviewStarts, reviewEnds, quotas,
                rubrics, assessmentPeriod, districtCode, Boolean.TRUE.equals(sealedFormRequired), declarationText,
                resultsPublishedAt, reviewReopening, version, createdAt, updatedAt, outbox);
    }
    /** Calls are the district's: windows are read and written in Beijing time. */
    public static final ZoneId ZONE = org.tsbase.events.ReviewPeriod.ZONE;

    public record Period(LocalDate from, LocalDate to) {
    }

    /** The review opened by ADMIN from {@code at} until the end of {@code until} (Beijing time), with the reason. */
    public record ReviewReopening(LocalDate until, String reason, String by, Instant at) {
    }

    /**
     * Whether reviewers may give district opinions at {@code now}: between {@code reviewStarts} and
     * {@code reviewEnds}, both days included, in Beijing time (any day when the call names no review period); or
     * within a reopening by ADMIN. The same rule as scoring-service's for reviews ({@link org.tsbase.events.ReviewPeriod}).
     */
    public boolean reviewOpenAt(Instant now) {
        return org.tsbase.events.ReviewPeriod.openAt(reviewStarts, reviewEnds,
                reviewReopening == null ? null : reviewReopening.until(), now);
    }

    public boolean resultsPublished() {
        return resultsPublishedAt != null;
    }

    public enum Phase { NOT_YET_OPEN, OPEN, CLOSED }

    public Phase phaseAt(Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (second.isBefore(applicationOpens)) {
            return Phase.NOT_YET_OPEN;
        }
        return second.isAfter(applicationCloses) ? Phase.CLOSED : Phase.OPEN;
    }

    public boolean accepts(ApplicationType type) {
        return rubrics != null && rubrics.containsKey(type);
    }

    public Optional<Integer> quota(ApplicationType type) {
        return Optional.ofNullable(quotas == null ? null : quotas.get(type));
    }

    /** The whole call with what this version changed ({@code change}: for the audit trail). */
    public CallUpserted toEvent(CallUpserted.Change change) {
        return new CallUpserted(callId, title, district, year, applicationOpens, applicationCloses, reviewStarts,
                reviewEnds, quotas, rubrics, new CallUpserted.Period(assessmentPeriod.from(), assessmentPeriod.to()),
                version, districtCode, resultsPublishedAt, reviewReopening == null ? null
                        : new CallUpserted.ReviewReopening(reviewReopening.until(), reviewReopening.reason(),
                                reviewReopening.by(), reviewReopening.at()),
                change);
    }
}
