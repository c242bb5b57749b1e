package org.tsbase.notification.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Which reminder is due (pure). A reminder "d days before" a deadline belongs to the Beijing calendar day d days
 * before the deadline's day and is due from {@code sendFrom} that day until the deadline. When several are due (the
 * service was down over a reminder day) only the latest one is: nobody is told "7 days left" the day before.
 */
final class ReminderRules {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The reminder day due now: how many days before the deadline's day, and which calendar day that is. */
    record Due(int daysBefore, LocalDate day) {
    }

    private ReminderRules() {
    }

    /**
     * @param deadlineDay the deadline's calendar day in Beijing
     * @param deadline    the instant after which nothing is reminded any more
     */
    static Optional<Due> due(LocalDate deadlineDay, Instant deadline, Instant now, List<Integer> daysBefore,
            LocalTime sendFrom) {
        if (deadlineDay == null || deadline == null || !now.isBefore(deadline)) {
            return Optional.empty();
        }
        return daysBefore.stream().filter(d -> d != null && d >= 0).distinct().sorted()
                .filter(d -> !now.isBefore(deadlineDay.minusDays(d).atTime(sendFrom).atZone(BEIJING).toInstant()))
                .findFirst().map(d -> new Due(d, deadlineDay.minusDays(d)));
    }

    /** Drafts: the application window closes at {@code applicationCloses}. */
    static Optional<Due> draftReminder(Instant applicationCloses, Instant now, List<Integer> daysBefore,
            LocalTime sendFrom) {
        return applicationCloses == null ? Optional.empty()
                : due(applicationCloses.atZone(BEIJING).toLocalDate(), applicationCloses, now, daysBefore, sendFrom);
    }

    /** Reviews: {@code reviewEnds} is the last day of the review, included. */
    static Optional<Due> reviewReminder(LocalDate reviewEnds, Instant now, List<Integer> daysBefore,
            LocalTime sendFrom) {
        return reviewEnds == null ? Optional.empty()
                : due(reviewEnds, endOf(reviewEnds), now, daysBefore, sendFrom);
    }

    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(BEIJING).toInstant();
    }

    /** The largest number of days configured: how far ahead the job looks for deadlines. */
    static int horizon(List<Integer> daysBefore) {
        return daysBefore.stream().filter(d -> d != null && d >= 0).mapToInt(Integer::intValue).max().orElse(0);
    }
}
