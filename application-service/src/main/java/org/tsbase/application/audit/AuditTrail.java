package org.tsbase.application.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.support.kafka.PoisonEventException;
import org.tsbase.support.kafka.ReceivedEvent;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail, filled by an idempotent consumer of events: each entry is keyed by the event's id, so a
 * redelivered event changes nothing; events re-published by a replay are not decisions and are skipped. It reads
 * the application and call topics and scoring-service's decisions ({@code tsbase.scoring-decisions}: rubric
 * uploads, replays); further services join by adding their topic to {@code tsbase.audit.topics}. An event of a type
 * not known here is recorded generically when its payload names a {@code callId} and who acted ({@code by},
 * {@code uploadedBy} or {@code requestedBy}), with its {@code kind}, {@code summary}, {@code reason} and {@code at}
 * if present. Unreadable records go to the topic's dead-letter twin.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    public static final int MAX_ENTRIES = 1000;

    private final MongoTemplate mongo;

    AuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @KafkaListener(topics = "#{'${tsbase.audit.topics:tsbase.applications,tsbase.calls,tsbase.scoring-decisions}'.split(',')}",
            groupId = "${spring.application.name}-audit")
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.tombstone() || event.replay() || event.id() == null) {
            return;
        }
        entry(event).ifPresent(this::record);
    }

    /** The entries of a call in the order they happened (at most {@link #MAX_ENTRIES}). */
    public List<AuditEntry> of(String callId) {
        return mongo.find(query(where("callId").is(callId)).with(Sort.by("at", "_id")).limit(MAX_ENTRIES),
                AuditEntry.class);
    }

    private void record(AuditEntry entry) {
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException e) {
            log.debug("audit entry {} recorded before", entry.eventId());
        }
    }

    static Optional<AuditEntry> entry(ReceivedEvent e) {
        if (e.is(EventTypes.APPLICATION_STATUS_CHANGED)) {
            ApplicationStatusChanged c = e.payload(ApplicationStatusChanged.class);
            if (c.opinion() == null) {
                return Optional.empty();
            }
            ApplicationStatusChanged.Opinion o = c.opinion();
            boolean override = o.overrideReason() != null;
            String kind = override ? "OVERRIDE" : "DISTRICT".equals(o.kind()) ? "DISTRICT_OPINION" : "CITY_OPINION";
            return Optional.of(new AuditEntry(e.id(), c.callId(), c.applicationId(), kind, o.by(), o.at(),
                    c.organizationName() + "：" + c.fromStatus() + " → " + c.toStatus(),
                    override ? o.overrideReason() + (o.text() == null ? "" : "（意见：" + o.text() + "）") : o.text(),
                    e.type(), e.topic()));
        }
        if (e.is(EventTypes.APPLICATION_RETURNED)) {
            ApplicationReturned r = e.payload(ApplicationReturned.class);
            return Optional.of(new AuditEntry(e.id(), r.callId(), r.applicationId(), "RETURN", r.by(), r.returnedAt(),
                    r.organizationName() + "：退回补正，补正截止 " + r.deadline(), r.reason(), e.type(), e.topic()));
        }
        if (e.is(EventTypes.CALL_UPSERTED)) {
            CallUpserted c = e.payload(CallUpserted.class);
            if (c.change() == null || "CREATED".equals(c.change().kind())) {
                return Optional.empty();
            }
            String what = switch (c.change().kind()) {
                case "REVIEW_REOPENED" -> "重新开放审核至 " + c.reviewReopening().until();
                case "RESULTS_PUBLISHED" -> "公布评审结果";
                default -> "修改批次（版本 " + c.version() + "）";
            };
            String kind = "UPDATED".equals(c.change().kind()) ? "CALL_UPDATED" : c.change().kind();
            return Optional.of(new AuditEntry(e.id(), c.callId(), null, kind, c.change().by(), c.change().at(), what,
                    c.change().reason(), e.type(), e.topic()));
        }
        return generic(e);
    }

    /** Another service's decision: recorded when its payload says for which call and who acted. */
    private static Optional<AuditEntry> generic(ReceivedEvent e) {
        if (e.type() == null || e.type().startsWith("tsbase.application.") || e.type().startsWith("tsbase.call.")) {
            return Optional.empty();
        }
        JsonNode p;
        try {
            p = EventJson.tree(e.data());
        } catch (RuntimeException ex) {
            throw new PoisonEventException("event " + e.id() + " has an unreadable payload", ex);
        }
        String callId = text(p, "callId");
        String who = Optional.ofNullable(text(p, "by")).or(() -> Optional.ofNullable(text(p, "uploadedBy")))
                .orElse(text(p, "requestedBy"));
        if (callId == null || who == null) {
            return Optional.empty();
        }
        java.time.Instant at = Optional.ofNullable(text(p, "at")).map(java.time.Instant::parse).orElse(e.time());
        String kind = Optional.ofNullable(text(p, "kind")).orElse(e.type());
        return Optional.of(new AuditEntry(e.id(), callId, text(p, "applicationId"), kind, who, at,
                Optional.ofNullable(text(p, "summary")).orElse(e.type()), text(p, "reason"), e.type(), e.topic()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }
}
