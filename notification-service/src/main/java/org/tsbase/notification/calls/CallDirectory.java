package org.tsbase.notification.calls;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventTypes;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * The local copy of the calls (compacted call topic): a newer version replaces an older one. When a stored call has
 * its results published and they were not announced yet, {@link ResultsPublished} goes out, also after a
 * redelivery, until {@link #markAnnounced} records that every score of that publication was mailed.
 */
@Service
public class CallDirectory {

    private static final Logger log = LoggerFactory.getLogger(CallDirectory.class);

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher publisher;

    CallDirectory(MongoTemplate mongo, ApplicationEventPublisher publisher) {
        this.mongo = mongo;
        this.publisher = publisher;
    }

    public Optional<CallCopy> find(String callId) {
        return callId == null ? Optional.empty() : Optional.ofNullable(mongo.findById(callId, CallCopy.class));
    }

    public Optional<String> title(String callId) {
        return find(callId).map(CallCopy::title);
    }

    /** Calls whose application window closes within [from, to): read through the {@code applicationCloses} index. */
    public List<CallCopy> closingBetween(Instant from, Instant to) {
        return mongo.find(query(where("applicationCloses").gte(from).lt(to)).with(Sort.by("applicationCloses")),
                CallCopy.class);
    }

    /** Calls whose review ends on a day within [from, to] (through the {@code reviewEnds} index). */
    public List<CallCopy> reviewEndingBetween(LocalDate from, LocalDate to) {
        return mongo.find(query(where("reviewEnds").gte(from).lte(to)).with(Sort.by("reviewEnds")), CallCopy.class);
    }

    /** Every score of the publication at {@code publishedAt} was mailed (or waits for its contacts). */
    public void markAnnounced(String callId, Instant publishedAt) {
        mongo.updateFirst(query(where("_id").is(callId).and("resultsPublishedAt").is(publishedAt)),
                new Update().set("resultsAnnouncedFor", publishedAt).unset("resultsPending"), CallCopy.class);
    }

    /** Publications whose sweep did not go through (the store was away): read through the sparse index. */
    public List<CallCopy> unannounced() {
        return mongo.find(query(where("resultsPending").is(true)), CallCopy.class);
    }

    void apply(ReceivedEvent event) {
        if (event.tombstone()) {
            if (event.key() != null) {
                mongo.remove(query(where("_id").is(event.key())), CallCopy.class);
            }
        } else if (event.is(EventTypes.CALL_UPSERTED)) {
            store(event.payload(CallUpserted.class));
        }
    }

    private void store(CallUpserted call) {
        LocalDate reviewEnds = call.reviewEnds();
        if (call.reviewReopening() != null && call.reviewReopening().until() != null
                && (reviewEnds == null || call.reviewReopening().until().isAfter(reviewEnds))) {
            reviewEnds = call.reviewReopening().until();
        }
        try {
            mongo.upsert(query(where("_id").is(call.callId()).and("version").lt(call.version())),
                    new Update().set("title", call.title()).set("version", call.version())
                            .set("applicationCloses", call.applicationCloses()).set("reviewEnds", reviewEnds)
                            .set("resultsPublishedAt", call.resultsPublishedAt()),
                    CallCopy.class);
        } catch (DuplicateKeyException e) {
            // this version or a newer one is already known
        }
        // also after a redelivery: a sweep cut short by a crash is done again (its mails are idempotent)
        find(call.callId()).filter(CallCopy::resultsPublished)
                .filter(c -> !Objects.equals(c.resultsPublishedAt(), c.resultsAnnouncedFor()))
                .ifPresent(c -> {
                    mongo.updateFirst(query(where("_id").is(c.callId())), new Update().set("resultsPending", true),
                            CallCopy.class);
                    log.info("call {}: results published at {}, announcing the scores", c.callId(),
                            c.resultsPublishedAt());
                    publisher.publishEvent(new ResultsPublished(c.callId(), c.resultsPublishedAt()));
                });
    }
}
