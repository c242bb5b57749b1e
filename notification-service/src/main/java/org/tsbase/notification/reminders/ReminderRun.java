package org.tsbase.notification.reminders;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reminder day of a call that went through completely ({@code DRAFT:<call>:<day>} or {@code REVIEW:<call>:<day>}):
 * later runs that day skip it without reading the call's applications again. Without it (a crash in the middle)
 * the next run goes through again and the notifications' deterministic ids make it send only what is missing.
 */
@Document(ReminderRun.COLLECTION)
record ReminderRun(@Id String id, Instant completedAt, int notifications) {

    static final String COLLECTION = "reminder_runs";
}
