package org.tsbase.scoring.rubric;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The call's assessment period; dated evidence counts only inside it, both ends included.
 *
 * @param from first day
 * @param to   last day
 */
public record AssessmentPeriod(LocalDate from, LocalDate to) {

    public AssessmentPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("assessment period starts " + from + " after it ends " + to);
        }
    }

    /** Parses ISO dates, e.g. {@code of("2022-06-01", "2023-05-31")}. */
    public static AssessmentPeriod of(String from, String to) {
        return new AssessmentPeriod(LocalDate.parse(from), LocalDate.parse(to));
    }

    /** The twelve months ending on {@code lastDay}: 2023-05-31 gives 2022-06-01..2023-05-31. */
    public static AssessmentPeriod twelveMonthsEndingOn(LocalDate lastDay) {
        return new AssessmentPeriod(lastDay.minusYears(1).plusDays(1), lastDay);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /**
     * Last day of the first half: the first six calendar months of the period
     * (2025-12-01..2026-11-30 → 2026-05-31).
     */
    public LocalDate firstHalfEnd() {
        return from.plusMonths(6).minusDays(1);
    }

    /** Inside the period and not after {@link #firstHalfEnd()}. */
    public boolean inFirstHalf(LocalDate date) {
        return contains(date) && !date.isAfter(firstHalfEnd());
    }

    /** Inside the period and after {@link #firstHalfEnd()}. */
    public boolean inSecondHalf(LocalDate date) {
        return contains(date) && date.isAfter(firstHalfEnd());
    }
}
