package org.tsbase.notification.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which reminder day is due: Beijing calendar days before the deadline, from 09:00, only the latest, none after. */
class ReminderRulesTest {

    /** 2023-06-30 23:59:59 Beijing. */
    static final Instant CLOSES = Instant.parse("2023-06-30T15:59:59Z");
    static final List<Integer> DAYS = List.of(7, 1);
    static final LocalTime NINE = LocalTime.of(9, 0);

    @ParameterizedTest(name = "{0} (UTC) → {1}")
    @CsvSource(nullValues = "none", textBlock = """
            2023-06-23T00:59:59Z, none
            2023-06-23T01:00:00Z, 7:2023-06-23
            2023-06-28T12:00:00Z, 7:2023-06-23
            2023-06-29T00:59:59Z, 7:2023-06-23
            2023-06-29T01:00:00Z, 1:2023-06-29
            2023-06-30T15:59:58Z, 1:2023-06-29
            2023-06-30T15:59:59Z, none
            2023-07-05T00:00:00Z, none
            2023-06-01T00:00:00Z, none
            """)
    void draftRemindersFollowTheDaysBeforeClosingInBeijing(String now, String expected) {
        var due = ReminderRules.draftReminder(CLOSES, Instant.parse(now), DAYS, NINE);
        assertThat(due.map(d -> d.daysBefore() + ":" + d.day()).orElse(null)).isEqualTo(expected);
    }

    @Test
    void afterADowntimeOverSeveralReminderDaysOnlyTheLatestIsDue() {
        // down from before the 7-day reminder until the day before: "1 day left", never "7 days left"
        assertThat(ReminderRules.draftReminder(CLOSES, Instant.parse("2023-06-30T02:00:00Z"), List.of(1, 7, 3), NINE))
                .hasValue(new ReminderRules.Due(1, LocalDate.parse("2023-06-29")));
    }

    @Test
    void theReviewEndsAtTheEndOfItsLastDay() {
        LocalDate ends = LocalDate.parse("2023-08-15");
        assertThat(ReminderRules.reviewReminder(ends, Instant.parse("2023-08-14T01:00:00Z"), DAYS, NINE))
                .hasValue(new ReminderRules.Due(1, LocalDate.parse("2023-08-14")));
        // 23:59 Beijing on the last day: still the 1-day reminder's time
        assertThat(ReminderRules.reviewReminder(ends, Instant.parse("2023-08-15T15:59:00Z"), DAYS, NINE)).isPresent();
        assertThat(ReminderRules.reviewReminder(ends, Instant.parse("2023-08-15T16:00:00Z"), DAYS, NINE)).isEmpty();
        assertThat(ReminderRules.reviewReminder(null, Instant.parse("2023-08-14T01:00:00Z"), DAYS, NINE)).isEmpty();
    }

    @Test
    void nonsenseDaysAreIgnoredAndTheHorizonIsTheLargestDay() {
        assertThat(ReminderRules.draftReminder(CLOSES, Instant.parse("2023-06-29T02:00:00Z"), List.of(-3), NINE))
                .isEmpty();
        assertThat(ReminderRules.horizon(List.of(1, 14, 7))).isEqualTo(14);
        assertThat(ReminderRules.horizon(List.of())).isZero();
    }
}
