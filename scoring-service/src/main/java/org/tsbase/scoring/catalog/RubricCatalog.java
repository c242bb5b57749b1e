package org.tsbase.scoring.catalog;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.rubric.BundledRubrics;
import org.tsbase.scoring.rubric.RubricDefinition;
import org.tsbase.scoring.rubric.RubricParser;
import org.tsbase.support.web.ApiException;

/**
 * The versioned rubrics: the bundled 2023 reference rubrics are loaded on first start; ADMIN uploads new versions.
 * A version, once stored, never changes, so parsed definitions are cached by key.
 */
@Component
public class RubricCatalog {

    private static final Logger log = LoggerFactory.getLogger(RubricCatalog.class);

    static final String COLLECTION = "rubrics";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final org.tsbase.support.outbox.OutboxEvents events;
    private final org.tsbase.support.outbox.OutboxRelay relay;
    private final CallCopies calls;
    private final Map<String, RubricDefinition> parsed = new ConcurrentHashMap<>();

    RubricCatalog(MongoTemplate mongo, Clock clock, org.tsbase.support.outbox.OutboxEvents events,
            org.tsbase.support.outbox.OutboxRelay relay, CallCopies calls) {
        this.calls = calls;
        this.mongo = mongo;
        this.clock = clock;
        this.events = events;
        this.relay = relay;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadBundled() {
        for (String id : BundledRubrics.IDS) {
            if (latest(id).isEmpty()) {
                RubricDefinition def = BundledRubrics.load(id);
                try {
                    mongo.insert(new StoredRubric(StoredRubric.key(id, def.version()), id, def.version(),
                            def.type().name(), def.title(), BundledRubrics.source(id), "bundled", clock.instant()));
                    log.info("loaded bundled rubric {} version {}", id, def.version());
                } catch (DuplicateKeyException raced) {
                    // another instance loaded it first
                }
            }
        }
    }

    /**
     * The latest version, asked of the store each time (another instance may have stored a newer one): only its key is
     * read, the parsed definition comes from the cache unless it is new. On MongoDB the unique index on
     * {@code rubricId, version} answers this; the embedded store reads the few rubric documents.
     */
    public Optional<RubricDefinition> latest(String rubricId) {
        Query q = Query.query(Criteria.where("rubricId").is(rubricId)).with(Sort.by(Sort.Direction.DESC, "version")).limit(1);
        q.fields().include("_id");
        org.bson.Document newest = mongo.findOne(q, org.bson.Document.class, "rubrics");
        if (newest == null) {
            return Optional.empty();
        }
        String key = newest.getString("_id");
        RubricDefinition cached = parsed.get(key);
        return cached != null ? Optional.of(cached)
                : Optional.ofNullable(mongo.findById(key, StoredRubric.class)).map(this::definition);
    }

    public Optional<RubricDefinition> version(String rubricId, int version) {
        return Optional.ofNullable(mongo.findById(StoredRubric.key(rubricId, version), StoredRubric.class))
                .map(this::definition);
    }

    public List<StoredRubric> versions(String rubricId) {
        return mongo.find(Query.query(Criteria.where("rubricId").is(rubricId)).with(Sort.by("version")),
                StoredRubric.class);
    }

    public List<StoredRubric> all() {
        return mongo.findAll(StoredRubric.class).stream()
                .sorted(Comparator.comparing(StoredRubric::rubricId).thenComparingInt(StoredRubric::version)).toList();
    }

    /**
     * Stores a new version after validating it (the parser refuses a bad rubric with every reason). A version must
     * be higher than every stored one of the same rubric, and keep its type.
     */
    public RubricDefinition upload(String source, String uploadedBy) {
        return upload(source, uploadedBy, null);
    }

    /**
     * {@link #upload(String, String)} with the ADMIN's reason, recorded in the audit trail of every call that names
     * the rubric (a {@code scoring.decision.v1} event per call, in the same insert as the version).
     */
    public RubricDefinition upload(String source, String uploadedBy, String reason) {
        RubricDefinition def = RubricParser.parse(source);
        Optional<StoredRubric> newest = versions(def.id()).stream().max(Comparator.comparingInt(StoredRubric::version));
        if (newest.isPresent()) {
            if (def.version() <= newest.get().version()) {
                throw ApiException.conflict("rubric.version-not-newer", def.id(), def.version(), newest.get().version());
            }
            if (!newest.get().type().equals(def.type().name())) {
                throw ApiException.conflict("rubric.type-changed", def.id(), newest.get().type());
            }
        }
        java.time.Instant now = clock.instant();
        String key = StoredRubric.key(def.id(), def.version());
        java.util.List<org.tsbase.support.outbox.OutboxEntry> audit = calls.naming(def.id()).stream()
                .map(call -> events.event(org.tsbase.events.Topics.SCORING_DECISIONS, call.callId(),
                        org.tsbase.events.EventTypes.SCORING_DECISION, new org.tsbase.events.ScoringDecision(
                                "RUBRIC_UPLOADED", call.callId(), uploadedBy, now,
                                "上传评分标准 " + def.id() + " 第 " + def.version() + " 版（" + def.title()
                                        + "），重算后生效", reason, def.id(), def.version(), null)))
                .toList();
        try {
            mongo.insert(new StoredRubric(key, def.id(), def.version(), def.type().name(), def.title(), source,
                    uploadedBy, now, new java.util.ArrayList<>(audit)));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("rubric.version-not-newer", def.id(), def.version(), def.version());
        }
        if (!audit.isEmpty()) {
            relay.publishSoon(COLLECTION, key);
        }
        return def;
    }

    public RubricDefinition definition(StoredRubric stored) {
        return parsed.computeIfAbsent(stored.key(), k -> RubricParser.parse(stored.source()));
    }
}
