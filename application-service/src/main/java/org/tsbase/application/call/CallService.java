package org.tsbase.application.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalLong;
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
import org.tsbase.events.CallUpserted;
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
        Call withEvent = call(d, 1, now, now, List.of(event(call, new CallUpserted.Change("CREATED", null, now, null))));
        try {
            mongo.insert(withEvent);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        relay.publishSoon(Call.COLLECTION, call.callId());
        return Optional.of(call);
    }

    Call update(String callId, long expectedVersion, CallRequest request, String by) {
        if (request.callId() != null && !request.callId().equals(callId)) {
            new Problems().add("callId", "v.immutable").throwIfAny();
        }
        CallRules.Definition d = CallRules.check(new CallRequest(callId, request.title(), request.district(),
                request.year(), request.applicationOpens(), request.applicationCloses(), request.reviewStarts(),
                request.reviewEnds(), request.quotas(), request.rubrics(), request.assessmentPeriod(),
                request.districtCode(), request.sealedFormRequired(), request.declarationText()));
        Call current = find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        if (current.version() != expectedVersion) {
            throw Versions.stale(expectedVersion, current.version());
        }
        Instant now = clock.instant();
        Call next = new Call(d.callId(), d.title(), d.district(), d.year(), d.applicationOpens(), d.applicationCloses(),
                d.reviewStarts(), d.reviewEnds(), d.quotas(), d.rubrics(), d.assessmentPeriod(), d.districtCode(),
                d.sealedFormRequired(), d.declarationText(), current.resultsPublishedAt(), current.reviewReopening(),
                expectedVersion + 1, current.createdAt(), now, List.of());
        Update update = new Update()
                .set("title", next.title()).set("district", next.district()).set("year", next.year())
                .set("applicationOpens", next.applicationOpens()).set("applicationCloses", next.applicationCloses())
                .set("reviewStarts", next.reviewStarts()).set("reviewEnds", next.reviewEnds())
                .set("quotas", next.quotas()).set("rubrics", next.rubrics())
                .set("assessmentPeriod", next.assessmentPeriod()).set("districtCode", next.districtCode())
                .set("sealedFormRequired", next.sealedFormRequired()).set("declarationText", next.declarationText());
        return apply(current, next, update, new CallUpserted.Change("UPDATED", by, now, null));
    }

    /** ADMIN opens the review again until the end of {@code until}, with a reason (recorded, evented, audited). */
    Call reopenReview(String callId, OptionalLong ifMatch, String reason, LocalDate until, String by) {
        Instant now = clock.instant();
        Call.ReviewReopening reopening = CallRules.reopening(reason, until, by, now);
        Call current = current(callId, ifMatch);
        Call next = with(current, current.resultsPublishedAt(), reopening, now);
        return apply(current, next, new Update().set("reviewReopening", reopening),
                new CallUpserted.Change("REVIEW_REOPENED", by, now, reopening.reason()));
    }

    /**
     * The district publishes the results: from now on applicants see (and are mailed) their scores. Publishing
     * again changes nothing.
     */
    Call publishResults(String callId, OptionalLong ifMatch, String by) {
        Call current = current(callId, ifMatch);
        if (current.resultsPublished()) {
            return current;
        }
        Instant now = clock.instant();
        Call next = with(current, now, current.reviewReopening(), now);
        return apply(current, next, new Update().set("resultsPublishedAt", now),
                new CallUpserted.Change("RESULTS_PUBLISHED", by, now, null));
    }

    private Call current(String callId, OptionalLong ifMatch) {
        Call current = find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        if (ifMatch.isPresent() && ifMatch.getAsLong() != current.version()) {
            throw Versions.stale(ifMatch.getAsLong(), current.version());
        }
        return current;
    }

    private static Call with(Call c, Instant resultsPublishedAt, Call.ReviewReopening reopening, Instant now) {
        return new Call(c.callId(), c.title(), c.district(), c.year(), c.applicationOpens(), c.applicationCloses(),
                c.reviewStarts(), c.reviewEnds(), c.quotas(), c.rubrics(), c.assessmentPeriod(), c.districtCode(),
                c.sealedFormRequired(), c.declarationText(), resultsPublishedAt, reopening, c.version() + 1,
                c.createdAt(), now, List.of());
    }

    /** One guarded update: the fields of {@code update}, the next version and the whole call as an event. */
    private Call apply(Call current, Call next, Update update, CallUpserted.Change change) {
        update.set("version", next.version()).set("updatedAt", next.updatedAt()).push("outbox", event(next, change));
        Call updated = mongo.findAndModify(query(where("_id").is(current.callId()).and("version").is(current.version())),
                update, FindAndModifyOptions.options().returnNew(true), Call.class);
        if (updated == null) {
            throw Versions.stale(current.version(), find(current.callId()).map(Call::version).orElse(-1L));
        }
        relay.publishSoon(Call.COLLECTION, current.callId());
        return updated;
    }

    private OutboxEntry event(Call call, CallUpserted.Change change) {
        return events.event(Topics.CALLS, call.callId(), EventTypes.CALL_UPSERTED, call.toEvent(change));
    }

    private static Call call(CallRules.Definition d, long version, Instant createdAt, Instant updatedAt,
            List<OutboxEntry> outbox) {
        return new Call(d.callId(), d.title(), d.district(), d.year(), d.applicationOpens(), d.applicationCloses(),
                d.reviewStarts(), d.reviewEnds(), d.quotas(), d.rubrics(), d.assessmentPeriod(), d.districtCode(),
                d.sealedFormRequired(), d.declarationText(), null, null, version, createdAt, updatedAt, outbox);
    }
}
