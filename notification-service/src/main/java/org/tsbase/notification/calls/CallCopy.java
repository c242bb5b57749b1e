package org.tsbase.notification.calls;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What notification needs of a call: its title for the mails' wording, its deadlines for the reminders, and whether
 * (since when) the district published its results.
 *
 * @param reviewEnds         the last day of the review (Beijing time), a reopening's end when that is later
 * @param resultsPublishedAt when the district published the results; null before: scores are held until then
 * @param resultsAnnouncedFor the {@code resultsPublishedAt} whose scores were all mailed (the sweep went through);
 *                           a redelivered call event then sweeps nothing again
 * @param resultsPending     true from a publication until its sweep went through (sparse index: the retry job reads
 *                           only these)
 */
@Document(CallCopy.COLLECTION)
public record CallCopy(
        @Id String callId,
        String title,
        @Indexed Instant applicationCloses,
        @Indexed LocalDate reviewEnds,
        Instant resultsPublishedAt,
        Instant resultsAnnouncedFor,
        @Indexed(sparse = true) Boolean resultsPending,
        long version) {

    static final String COLLECTION = "call_copies";

    public boolean resultsPublished() {
        return resultsPublishedAt != null;
    }
}
