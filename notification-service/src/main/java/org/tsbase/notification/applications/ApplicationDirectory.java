package org.tsbase.notification.applications;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.ApplicationCreated;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * notification-service's own copy of what it needs per application: its status (from the application events) and
 * its latest score (from the score events). Each is replaced only by a newer version (application version, result
 * version), in one guarded upsert, so redeliveries and events out of order change nothing.
 */
@Service
public class ApplicationDirectory {

    private final MongoTemplate mongo;
    private final Clock clock;

    ApplicationDirectory(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Keeps the status an application event tells; other events change nothing. */
    public void apply(ReceivedEvent event) {
        if (event.tombstone() || event.type() == null) {
            return;
        }
        switch (event.type()) {
            case EventTypes.APPLICATION_CREATED -> {
                ApplicationCreated e = event.payload(ApplicationCreated.class);
                store(e.applicationId(), e.callId(), e.type(), e.creditCode(), e.organizationName(), "DRAFT",
                        e.version());
            }
            case EventTypes.APPLICATION_SUBMITTED -> {
                ApplicationSubmitted e = event.payload(ApplicationSubmitted.class);
                store(e.applicationId(), e.callId(), e.type(),
                        e.organization() == null ? null : e.organization().creditCode(),
                        e.organization() == null ? null : e.organization().name(), "SUBMITTED", e.version());
            }
            case EventTypes.APPLICATION_STATUS_CHANGED -> {
                ApplicationStatusChanged e = event.payload(ApplicationStatusChanged.class);
                store(e.applicationId(), e.callId(), e.type(), e.creditCode(), e.organizationName(), e.toStatus(),
                        e.version());
            }
            case EventTypes.APPLICATION_WITHDRAWN -> {
                ApplicationWithdrawn e = event.payload(ApplicationWithdrawn.class);
                store(e.applicationId(), e.callId(), e.type(), e.creditCode(), e.organizationName(), "WITHDRAWN",
                        e.version());
            }
            case EventTypes.APPLICATION_RETURNED -> {
                ApplicationReturned e = event.payload(ApplicationReturned.class);
                store(e.applicationId(), e.callId(), e.type(), e.creditCode(), e.organizationName(), "RETURNED",
                        e.version());
            }
            default -> {
                // not an application event
            }
        }
    }

    private void store(String applicationId, String callId, ApplicationType type, String creditCode,
            String organizationName, String status, long version) {
        if (applicationId == null || status == null) {
            return;
        }
        Update update = new Update().set("callId", callId).set("type", type).set("status", status)
                .set("version", version);
        if (creditCode != null) {
            update.set("creditCode", creditCode);
        }
        if (organizationName != null) {
            update.set("organizationName", organizationName);
        }
        try {
            mongo.upsert(query(where("_id").is(applicationId).and("version").lt(version)), update,
                    ApplicationState.class);
        } catch (DuplicateKeyException e) {
            // this version or a newer one is already known
        }
    }

    /** Keeps a score if it is newer than the one kept; returns the latest score of the application afterwards. */
    public LatestScore storeScore(String eventId, ScoreComputed score) {
        try {
            mongo.upsert(query(where("_id").is(score.applicationId()).and("resultVersion").lt(score.resultVersion())),
                    new Update().set("callId", score.callId()).set("creditCode", score.creditCode())
                            .set("resultVersion", score.resultVersion()).set("eventId", eventId)
                            .set("score", score).set("receivedAt", clock.instant()),
                    LatestScore.class);
        } catch (DuplicateKeyException e) {
            // this result version or a newer one is already known
        }
        return mongo.findById(score.applicationId(), LatestScore.class);
    }

    public Optional<ApplicationState> state(String applicationId) {
        return Optional.ofNullable(mongo.findById(applicationId, ApplicationState.class));
    }

    /** A page of a call's latest scores in id order after {@code afterId} (null: from the start). */
    public List<LatestScore> scoresOfCall(String callId, String afterId, int limit) {
        return mongo.find(page(where("callId").is(callId), afterId, limit), LatestScore.class);
    }

    /** A page of a call's applications in one status, in id order after {@code afterId} (null: from the start). */
    public List<ApplicationState> inStatus(String callId, String status, String afterId, int limit) {
        return mongo.find(page(where("callId").is(callId).and("status").is(status), afterId, limit),
                ApplicationState.class);
    }

    /** How many of a call's applications are in one status (answered from the {@code call_status} index). */
    public long count(String callId, String status) {
        return mongo.count(query(where("callId").is(callId).and("status").is(status)), ApplicationState.class);
    }

    private static Query page(Criteria criteria, String afterId, int limit) {
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        return query(criteria).with(Sort.by("_id")).limit(limit);
    }
}
