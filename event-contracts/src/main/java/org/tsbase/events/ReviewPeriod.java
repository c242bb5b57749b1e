package org.tsbase.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a call's review is open, one rule for every service that holds a copy of the call ({@link CallUpserted}):
 * application-service takes the district's opinions and scoring-service takes reviewers' scores under it, so that a
 * reviewer is never let score what the district may not yet decide on, or the other way round.
 *
 * <p>Open on the days from {@code reviewStarts} to {@code reviewEnds}, both included, in Beijing time; a call that names
 * no review period restricts nothing (open). Also open after an ADMIN reopening, until the end of its {@code until}
 * day, whatever the period says.
 */
public final class ReviewPeriod {

    /** Calls are the district's: their days are Beijing days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ReviewPeriod() {
    }

    /**
     * @param reviewStarts   first day of the review period, or null (with {@code reviewEnds}) for none
     * @param reviewEnds     last day of the review period
     * @param reopenedUntil  the last day of an ADMIN reopening, or null
     */
    public static boolean openAt(LocalDate reviewStarts, LocalDate reviewEnds, LocalDate reopenedUntil, Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        boolean inPeriod = reviewStarts == null || reviewEnds == null
                || !today.isBefore(reviewStarts) && !today.isAfter(reviewEnds);
        boolean reopened = reopenedUntil != null && !today.isAfter(reopenedUntil);
        return inPeriod || reopened;
    }
}
