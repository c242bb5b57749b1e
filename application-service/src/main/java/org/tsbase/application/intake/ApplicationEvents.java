package org.tsbase.application.intake;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.tsbase.application.form.ScoringFacts;
import org.tsbase.events.ApplicationCreated;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;

/** The outbox entries of the application events, keyed by application id on the application topic. */
@Component
public class ApplicationEvents {

    private final OutboxEvents events;

    ApplicationEvents(OutboxEvents events) {
        this.events = events;
    }

    OutboxEntry created(Application a) {
        return events.event(Topics.APPLICATIONS, a.id(), EventTypes.APPLICATION_CREATED, new ApplicationCreated(
                a.id(), a.callId(), a.type(), a.creditCode(), a.organizationName(), a.version(), a.createdAt()));
    }

    /** Everything scoring needs, no contact and no phone number. */
    OutboxEntry submitted(Application a, long version, Instant at) {
        return events.event(Topics.APPLICATIONS, a.id(), EventTypes.APPLICATION_SUBMITTED, new ApplicationSubmitted(
                a.id(), a.callId(), a.type(), version, at, ScoringFacts.organization(a.form()),
                ScoringFacts.evidence(a.form())));
    }

    OutboxEntry withdrawn(Application a, long version, Instant at) {
        return events.event(Topics.APPLICATIONS, a.id(), EventTypes.APPLICATION_WITHDRAWN, new ApplicationWithdrawn(
                a.id(), a.callId(), a.type(), a.creditCode(), a.organizationName(), version, a.status().name(), at));
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
