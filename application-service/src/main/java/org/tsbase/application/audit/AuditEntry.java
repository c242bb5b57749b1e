package org.tsbase.application.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the audit trail: who did what, when and why, for a call (and an application, if one is concerned).
 * Its id is the id of the event it was made from, so that a redelivered event is recorded once.
 *
 * @param kind          {@code DISTRICT_OPINION}, {@code CITY_OPINION}, {@code OVERRIDE} (a district opinion beyond
 *                      the quota or the pass mark), {@code RETURN}, {@code REVIEW_REOPENED},
 *                      {@code RESULTS_PUBLISHED}, {@code CALL_UPDATED}, or the event type of another service's event
 * @param what          a short description (the status reached, the deadline, ...)
 * @param why           the written reason or the opinion's text, when there is one
 * @param eventType     the CloudEvents type it was made from
 */
@Document(AuditEntry.COLLECTION)
@CompoundIndex(name = "call_at", def = "{'callId': 1, 'at': 1}")
public record AuditEntry(@Id String eventId, String callId, String applicationId, String kind, String who,
        Instant at, String what, String why, String eventType, String source) {

    public static final String COLLECTION = "audit";
}
