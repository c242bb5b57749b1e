package org.tsbase.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The one review-period rule of application-service (district opinions) and scoring-service (reviews). */
class ReviewPeriodTest {

    private static final LocalDate STARTS = LocalDate.of(2023, 7, 1);
    private static final LocalDate ENDS = LocalDate.of(2023, 8, 15);

    private static Instant beijing(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    @Test
    void openFromTheFirstToTheEndOfTheLastDayInBeijingTime() {
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, null, beijing("2023-06-30T23:59:59"))).isFalse();
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, null, beijing("2023-07-01T00:00:00"))).isTrue();
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, null, beijing("2023-08-15T23:59:59"))).isTrue();
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, null, beijing("2023-08-16T00:00:00"))).isFalse();
        // 16:00 UTC on the last day is already the next day in Beijing
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, null, Instant.parse("2023-08-15T16:00:00Z"))).isFalse();
    }

    @Test
    void aReopeningOpensItUntilTheEndOfItsDay() {
        LocalDate until = LocalDate.of(2023, 9, 1);
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, until, beijing("2023-09-01T23:59:59"))).isTrue();
        assertThat(ReviewPeriod.openAt(STARTS, ENDS, until, beijing("2023-09-02T00:00:00"))).isFalse();
    }

    @Test
    void aCallWithoutAReviewPeriodRestrictsNothing() {
        assertThat(ReviewPeriod.openAt(null, null, null, beijing("2023-06-01T12:00:00"))).isTrue();
        assertThat(ReviewPeriod.openAt(null, null, LocalDate.of(2023, 5, 1), beijing("2023-06-01T12:00:00")))
                .isTrue();
    }
}
