package org.tsbase.scoring.call;

import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.tsbase.events.CallUpserted;

/** Keeps the local copies of calls; an older or repeated version of a call changes nothing. */
@Component
public class CallCopies {

    private final MongoTemplate mongo;

    CallCopies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<CallCopy> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, CallCopy.class));
    }

    /**
     * The calls that score some type with {@code rubricId}; every call when it is null. Calls are few (one per
     * district and year), so they are read whole.
     */
    public java.util.List<CallCopy> naming(String rubricId) {
        return mongo.findAll(CallCopy.class).stream()
                .filter(c -> rubricId == null || c.rubrics() != null && c.rubrics().containsValue(rubricId))
                .toList();
    }

    /** Stores the call if it is newer than the copy; true if the copy changed. */
    public boolean apply(CallUpserted call) {
        CallCopy current = mongo.findById(call.callId(), CallCopy.class);
        if (current != null && current.version() >= call.version()) {
            return false;
        }
        CallCopy copy = new CallCopy(call.callId(), call.title(), call.quotas(), call.rubrics(),
                call.assessmentPeriod().from(), call.assessmentPeriod().to(), call.version(), call.reviewStarts(),
                call.reviewEnds(), call.reviewReopening() == null ? null : call.reviewReopening().until(),
                call.resultsPublishedAt());
        if (current == null) {
            mongo.save(copy);
            return true;
        }
        // replace only the version we read: a concurrent newer copy wins
        return mongo.findAndReplace(Query.query(Criteria.where("_id").is(call.callId()).and("version").is(current.version())),
                copy) != null;
    }
}
