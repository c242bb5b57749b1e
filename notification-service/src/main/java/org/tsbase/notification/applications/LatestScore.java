package org.tsbase.notification.applications;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ScoreComputed;

/**
 * The latest automatic score of one application (the highest result version seen, replays included: a rescoring
 * changes what is current), kept so that it can be mailed when the district publishes the call's results. Read per
 * call through the {@code call} index, a page at a time after the last id.
 *
 * @param eventId the id of the score event that carried it
 */
@Document(LatestScore.COLLECTION)
@CompoundIndex(name = "call", def = "{'callId': 1, '_id': 1}")
public record LatestScore(
        @Id String applicationId,
        String callId,
        String creditCode,
        long resultVersion,
        String eventId,
        ScoreComputed score,
        Instant receivedAt) {

    static final String COLLECTION = "latest_scores";
}
