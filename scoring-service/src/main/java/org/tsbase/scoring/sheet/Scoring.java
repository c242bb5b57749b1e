package org.tsbase.scoring.sheet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.catalog.RubricCatalog;
import org.tsbase.scoring.rubric.CriterionScore;
import org.tsbase.scoring.rubric.InvalidEvidenceException;
import org.tsbase.scoring.rubric.ReviewerScore;
import org.tsbase.scoring.rubric.RubricDefinition;
import org.tsbase.scoring.rubric.RubricEngine;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.support.kafka.PoisonEventException;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;

/**
 * Scores applications from their events alone, with the call's assessment period and rubric from the local call
 * copy. A result is recomputed when its inputs change; the same inputs give the same result, which is neither
 * stored again nor published.
 */
@Service
public class Scoring {

    private static final Logger log = LoggerFactory.getLogger(Scoring.class);
    static final String COLLECTION = "scoresheets";
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final CallCopies calls;
    private final RubricCatalog rubrics;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final RubricEngine engine = new RubricEngine();

    Scoring(MongoTemplate mongo, CallCopies calls, RubricCatalog rubrics, OutboxEvents events, OutboxRelay relay,
            Clock clock) {
        this.mongo = mongo;
        this.calls = calls;
        this.rubrics = rubrics;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    public Optional<ScoreSheet> sheet(String applicationId) {
        return Optional.ofNullable(mongo.findById(applicationId, ScoreSheet.class));
    }

    /** A submission (new or a later version): store its facts and score it. An older or repeated version changes nothing. */
    public void submitted(ApplicationSubmitted event, String eventId) {
        retrying(event.applicationId(), () -> {
            ScoreSheet current = mongo.findById(event.applicationId(), ScoreSheet.class);
            if (current != null && current.applicationVersion() >= event.version()) {
                return; // redelivered or stale: already applied
            }
            Map<String, Object> evidence = new LinkedHashMap<>(event.evidence() == null ? Map.of() : event.evidence());
            if (event.organization().enterprisesInPark() != null) {
                evidence.put("enterprisesInPark", event.organization().enterprisesInPark());
            }
            ScoreSheet facts = new ScoreSheet(event.applicationId(), event.callId(), event.type(),
                    event.organization().creditCode(), event.organization().name(),
                    event.organization().parkCreditCode(), event.version(), event.submittedAt(), false, evidence,
                    current == null ? List.of() : current.reviews(), current == null ? null : current.result(),
                    current == null ? List.of() : current.history(), current == null ? 0 : current.revision(), null);
            Optional<ScoreSheet.CurrentResult> result;
            try {
                result = compute(facts, "SUBMISSION", eventId);
            } catch (InvalidEvidenceException e) {
                // intake validates; evidence that still cannot be scored is a poison event, dead-lettered with its reasons
                throw new PoisonEventException("application " + event.applicationId() + ": " + e.getMessage(), e);
            }
            Update update = factsUpdate(facts);
            if (current == null) {
                insert(facts, result);
            } else {
                apply(current, facts, update, result.filter(r -> changed(current.result(), r)));
            }
            if (result.isEmpty()) {
                // the call may have arrived while this sheet was written: its listener scans before our write is visible
                scoreIfAwaiting(event.applicationId(), "call:" + event.callId());
            }
        });
    }

    public void withdrawn(ApplicationWithdrawn event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.applicationId())),
                new Update().set("withdrawn", true).inc("revision", 1), ScoreSheet.class);
    }

    /** The call of these sheets arrived or changed: score what was waiting for it. */
    public void scoreAwaiting(String callId) {
        for (ScoreSheet sheet : mongo.find(Query.query(Criteria.where("callId").is(callId).and("result").is(null)),
                ScoreSheet.class)) {
            retrying(sheet.applicationId(), () -> scoreIfAwaiting(sheet.applicationId(), "call:" + callId));
        }
    }

    private void scoreIfAwaiting(String applicationId, String by) {
        ScoreSheet current = mongo.findById(applicationId, ScoreSheet.class);
        if (current != null && current.result() == null) {
            compute(current, "SUBMISSION", by).ifPresent(r -> apply(current, current, new Update(), Optional.of(r)));
        }
    }

    /**
     * Replaces one reviewer's scores and recomputes.
     *
     * @return the sheet after the change
     */
    public ScoreSheet review(String applicationId, String reviewer, List<ScoreSheet.Review> scores) {
        return retrying(applicationId, () -> {
            ScoreSheet current = mongo.findById(applicationId, ScoreSheet.class);
            List<ScoreSheet.Review> reviews = new ArrayList<>(current.reviews().stream()
                    .filter(r -> !r.reviewer().equals(reviewer)).toList());
            reviews.addAll(scores);
            ScoreSheet reviewed = withReviews(current, reviews);
            Optional<ScoreSheet.CurrentResult> result = compute(reviewed, "REVIEW", reviewer);
            apply(current, reviewed, new Update().set("reviews", reviews),
                    result.filter(r -> changed(current.result(), r)));
            return mongo.findById(applicationId, ScoreSheet.class);
        });
    }

    /** The rubric and assessment period that apply to a sheet, if its call is known. */
    public Optional<Context> context(ScoreSheet sheet) {
        return calls.find(sheet.callId()).flatMap(call -> call.rubricFor(sheet.type())
                .flatMap(rubrics::latest).map(rubric -> new Context(call, rubric)));
    }

    public record Context(CallCopy call, RubricDefinition rubric) {
    }

    Optional<ScoreSheet.CurrentResult> compute(ScoreSheet sheet, String cause, String by) {
        Optional<Context> context = context(sheet);
        if (context.isEmpty()) {
            log.info("application {} waits for its call {} or rubric", sheet.applicationId(), sheet.callId());
            return Optional.empty();
        }
        ScoreResult score = engine.score(context.get().rubric(), sheet.evidence(), context.get().call().period(),
                reviewsByCriterion(sheet.reviews()));
        long resultVersion = sheet.result() == null ? 1 : sheet.result().resultVersion() + 1;
        return Optional.of(new ScoreSheet.CurrentResult(score, sheet.applicationVersion(), resultVersion, cause, by,
                clock.instant()));
    }

    static Map<String, List<ReviewerScore>> reviewsByCriterion(List<ScoreSheet.Review> reviews) {
        return reviews.stream().collect(Collectors.groupingBy(ScoreSheet.Review::criterionId, LinkedHashMap::new,
                Collectors.mapping(r -> new ReviewerScore(r.reviewer(), r.points(), r.comment()), Collectors.toList())));
    }

    /** Whether a new result differs from the current one in anything a reader or a consumer would see. */
    static boolean changed(ScoreSheet.CurrentResult current, ScoreSheet.CurrentResult next) {
        return current == null || current.applicationVersion() != next.applicationVersion()
                || !signature(current.score()).equals(signature(next.score()));
    }

    /** What a result says, in plain values (a stored result reads back with other number types than it was built with). */
    private static List<String> signature(ScoreResult s) {
        List<String> parts = new ArrayList<>(List.of(s.rubricId(), String.valueOf(s.rubricVersion()), plain(s.base()),
                plain(s.bonus()), plain(s.total()), String.valueOf(s.passed())));
        for (CriterionScore c : s.criteria()) {
            parts.add(c.id() + "|" + plain(c.automaticPoints()) + "|" + plain(c.finalPoints()) + "|" + c.reviewed()
                    + "|" + new java.util.TreeSet<>(c.flags().stream().map(Enum::name).toList()) + "|"
                    + c.reviews().stream().map(r -> r.reviewer() + ":" + plain(r.points()) + ":" + r.comment())
                            .sorted().toList());
        }
        return parts;
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private void insert(ScoreSheet facts, Optional<ScoreSheet.CurrentResult> result) {
        ScoreSheet sheet = result.map(r -> new ScoreSheet(facts.applicationId(), facts.callId(), facts.type(),
                facts.creditCode(), facts.organizationName(), facts.parkCreditCode(), facts.applicationVersion(),
                facts.submittedAt(), false, facts.evidence(), facts.reviews(), r, List.of(), 1,
                new ArrayList<>(List.of(scoreEvent(facts, r))))).orElse(facts);
        try {
            mongo.insert(sheet);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentSheetUpdate(facts.applicationId());
        }
        if (result.isPresent()) {
            relay.publishSoon(COLLECTION, facts.applicationId());
        }
    }

    /**
     * One update guarded by the revision read: the other changes, and the new result with its history entry and
     * its event, if the result changed.
     *
     * @param next the sheet as it will be (its facts go into the event)
     */
    private void apply(ScoreSheet current, ScoreSheet next, Update update, Optional<ScoreSheet.CurrentResult> result) {
        result.ifPresent(r -> {
            update.set("result", r).push("outbox", scoreEvent(next, r));
            if (current.result() != null) {
                update.push("history", historyOf(current.result()));
            }
        });
        update.inc("revision", 1);
        var outcome = mongo.updateFirst(Query.query(Criteria.where("_id").is(current.applicationId())
                .and("revision").is(current.revision())), update, ScoreSheet.class);
        if (outcome.getMatchedCount() == 0) {
            throw new ConcurrentSheetUpdate(current.applicationId());
        }
        if (result.isPresent()) {
            relay.publishSoon(COLLECTION, current.applicationId());
        }
    }

    private static Update factsUpdate(ScoreSheet facts) {
        return new Update().set("callId", facts.callId()).set("type", facts.type())
                .set("creditCode", facts.creditCode()).set("organizationName", facts.organizationName())
                .set("parkCreditCode", facts.parkCreditCode()).set("applicationVersion", facts.applicationVersion())
                .set("submittedAt", facts.submittedAt()).set("withdrawn", false).set("evidence", facts.evidence());
    }

    private static ScoreSheet withReviews(ScoreSheet s, List<ScoreSheet.Review> reviews) {
        return new ScoreSheet(s.applicationId(), s.callId(), s.type(), s.creditCode(), s.organizationName(),
                s.parkCreditCode(), s.applicationVersion(), s.submittedAt(), s.withdrawn(), s.evidence(), reviews,
                s.result(), s.history(), s.revision(), s.outbox());
    }

    private org.tsbase.support.outbox.OutboxEntry scoreEvent(ScoreSheet sheet, ScoreSheet.CurrentResult r) {
        ScoreResult s = r.score();
        ScoreComputed payload = new ScoreComputed(sheet.applicationId(), sheet.callId(), sheet.type(),
                sheet.creditCode(), sheet.organizationName(), r.applicationVersion(), s.rubricId(), s.rubricVersion(),
                s.base(), s.bonus(), s.total(), s.passed(), s.criteria().stream()
                        .map(c -> new ScoreComputed.CriterionPoints(c.id(), c.max(), c.finalPoints())).toList(),
                r.cause(), r.resultVersion(), r.computedAt());
        // a rescoring is published as a replay: consumers update their state but repeat no side effect
        return "RESCORE".equals(r.cause())
                ? events.replayed(Topics.SCORES, sheet.applicationId(), EventTypes.SCORE_COMPUTED, payload)
                : events.event(Topics.SCORES, sheet.applicationId(), EventTypes.SCORE_COMPUTED, payload);
    }

    /**
     * Recomputes one sheet's result with the rubric its call names now (its latest version) and the reviews held.
     * Stores and publishes (as a replay) only when the result changed, unless {@code dryRun}.
     *
     * @return the result before and after, when it changed
     */
    public Optional<Rescored> rescore(String applicationId, boolean dryRun, String by) {
        return retrying(applicationId, () -> {
            ScoreSheet current = mongo.findById(applicationId, ScoreSheet.class);
            if (current == null || current.withdrawn()) {
                return Optional.<Rescored>empty();
            }
            Optional<ScoreSheet.CurrentResult> next = compute(current, "RESCORE", by)
                    .filter(r -> changed(current.result(), r));
            if (next.isEmpty()) {
                return Optional.<Rescored>empty();
            }
            if (!dryRun) {
                apply(current, current, new Update(), next);
            }
            return Optional.of(new Rescored(current, current.result() == null ? null : current.result().score(),
                    next.get().score()));
        });
    }

    /** A result a rescoring changed (or, in a dry run, would change). */
    public record Rescored(ScoreSheet sheet, ScoreResult before, ScoreResult after) {
    }

    private ScoreSheet.HistoryEntry historyOf(ScoreSheet.CurrentResult r) {
        ScoreResult s = r.score();
        return new ScoreSheet.HistoryEntry(r.resultVersion(), s.rubricId(), s.rubricVersion(), s.base(), s.bonus(),
                s.total(), s.passed(), s.criteria().stream().collect(Collectors.toMap(CriterionScore::id,
                        CriterionScore::finalPoints, (x, y) -> x, LinkedHashMap::new)),
                r.cause(), r.by(), r.computedAt(), clock.instant());
    }

    private void retrying(String applicationId, Runnable action) {
        retrying(applicationId, () -> {
            action.run();
            return null;
        });
    }

    private <T> T retrying(String applicationId, java.util.function.Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ConcurrentSheetUpdate e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.debug("retrying concurrent update of {}", applicationId);
            }
        }
    }
}
