package org.tsbase.notification.notifications;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A trigger that found no contact of its organisation: the events of an organisation and its contact list arrive on
 * different topics, so a submission's event can be handled before the contacts its applicant registered a moment
 * earlier. It waits here (by its event id, so a redelivery changes nothing) until the contacts arrive.
 */
@Document(WaitingTrigger.COLLECTION)
record WaitingTrigger(@Id String eventId, @Indexed String creditCode, Trigger trigger, @Indexed Instant waitingSince) {

    static final String COLLECTION = "waiting_triggers";
}
