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
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<OutboxEntry> outbox) {

    public static final String COLLECTION = "calls";
    /** Calls are the district's: windows are read and written in Beijing time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public record Period(LocalDate from, LocalDate to) {
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

    public CallUpserted toEvent() {
        return new CallUpserted(callId, title, district, year, applicationOpens, applicationCloses, reviewStarts,
                reviewEnds, quotas, rubrics, new CallUpserted.Period(assessmentPeriod.from(), assessmentPeriod.to()),
                version);
    }
}
