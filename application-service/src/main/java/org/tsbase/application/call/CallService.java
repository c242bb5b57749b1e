package org.tsbase.application.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.application.web.Problems;
import org.tsbase.application.web.Versions;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.web.ApiException;

/** Calls: stored one document each, every change published on the compacted call topic through the document's outbox. */
@Service
public class CallService {

    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    CallService(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    public Optional<Call> find(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Call.class));
    }

    public List<Call> list() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "applicationOpens")), Call.class);
    }

    Call create(CallRequest request) {
        CallRules.Definition d = CallRules.check(request);
        return createIfAbsent(d).orElseThrow(() -> ApiException.conflict("call.exists", d.callId()));
    }

    /** Inserts the call unless one with its id exists (then empty): what the idempotent seeders use. */
    public Optional<Call> createIfAbsent(CallRules.Definition d) {
        Instant now = clock.instant();
        Call call = call(d, 1, now, now, List.of());
        Call withEvent = call(d, 1, now, now, List.of(event(call)));
        try {
            mongo.insert(withEvent);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        relay.publishSoon(Call.COLLECTION, call.callId());
        return Optional.of(call);
    }

    Call update(String callId, long expectedVersion, CallRequest request) {
        if (request.callId() != null && !request.callId().equals(callId)) {
            new Problems().add("callId", "v.immutable").throwIfAny();
        }
        CallRules.Definition d = CallRules.check(new CallRequest(callId, request.title(), request.district(),
                request.year(), request.applicationOpens(), request.applicationCloses(), request.reviewStarts(),
                request.reviewEnds(), request.quotas(), request.rubrics(), request.assessmentPeriod()));
        Call current = find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        if (current.version() != expectedVersion) {
            throw Versions.stale(expectedVersion, current.version());
        }
        Instant now = clock.instant();
        Call next = call(d, expectedVersion + 1, current.createdAt(), now, List.of());
        Update update = new Update()
                .set("title", next.title()).set("district", next.district()).set("year", next.year())
                .set("applicationOpens", next.applicationOpens()).set("applicationCloses", next.applicationCloses())
                .set("reviewStarts", next.reviewStarts()).set("reviewEnds", next.reviewEnds())
                .set("quotas", next.quotas()).set("rubrics", next.rubrics())
                .set("assessmentPeriod", next.assessmentPeriod())
                .set("version", next.version()).set("updatedAt", now)
                .push("outbox", event(next));
        Call updated = mongo.findAndModify(query(where("_id").is(callId).and("version").is(expectedVersion)), update,
                FindAndModifyOptions.options().returnNew(true), Call.class);
        if (updated == null) {
            throw Versions.stale(expectedVersion, find(callId).map(Call::version).orElse(-1L));
        }
        relay.publishSoon(Call.COLLECTION, callId);
        return updated;
    }

    private OutboxEntry event(Call call) {
        return events.event(Topics.CALLS, call.callId(), EventTypes.CALL_UPSERTED, call.toEvent());
    }

    private static Call call(CallRules.Definition d, long version, Instant createdAt, Instant updatedAt,
            List<OutboxEntry> outbox) {
        return new Call(d.callId(), d.title(), d.district(), d.year(), d.applicationOpens(), d.applicationCloses(),
                d.reviewStarts(), d.reviewEnds(), d.quotas(), d.rubrics(), d.assessmentPeriod(), version, createdAt,
                updatedAt, outbox);
    }
}
