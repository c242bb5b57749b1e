package org.tsbase.application.intake;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;

/**
 * The outbox entry of a status change decided outside the workflow aggregate (a score arriving); the aggregate's
 * own events become outbox entries in {@link ApplicationStore#decide}.
 */
@Component
public class ApplicationEvents {

    private final OutboxEvents events;

    ApplicationEvents(OutboxEvents events) {
        this.events = events;
    }

    /**
     * @param kind {@code DISTRICT} or {@code CITY}; null with {@code opinion} for a step without an opinion
     */
    public OutboxEntry statusChanged(Application a, long version, ApplicationStatus to, String kind,
            Application.Opinion opinion, Instant at) {
        ApplicationStatusChanged.Opinion o = opinion == null ? null : new ApplicationStatusChanged.Opinion(kind,
                opinion.positive(), opinion.text(), opinion.by(), opinion.at());
        return events.event(Topics.APPLICATIONS, a.id(), EventTypes.APPLICATION_STATUS_CHANGED,
                new ApplicationStatusChanged(a.id(), a.callId(), a.type(), a.creditCode(), a.organizationName(),
                        version, a.status().name(), to.name(), o, at));
    }
}
