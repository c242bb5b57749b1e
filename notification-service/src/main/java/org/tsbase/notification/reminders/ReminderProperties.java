package org.tsbase.notification.reminders;

import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled          whether the reminder job runs on its schedule ({@code interval}); a run can still be made
 * @param draftDaysBefore  the days before {@code applicationCloses} on which organisations with a draft are reminded
 * @param reviewDaysBefore the days before {@code reviewEnds} on which reviewers are reminded of unscored applications
 * @param sendFrom         the time of day (Beijing) from which a reminder day's mails go out
 * @param listed           how many applications a reviewer reminder lists by name (the count is always complete)
 */
@Validated
@ConfigurationProperties("tsbase.notifications.reminders")
record ReminderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"7", "1"}) @NotNull List<Integer> draftDaysBefore,
        @DefaultValue({"7", "1"}) @NotNull List<Integer> reviewDaysBefore,
        @DefaultValue("09:00") @NotNull LocalTime sendFrom,
        @DefaultValue("30") int listed) {
}
