package org.tsbase.scoring.sheet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
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
    private static final int PAGE = 500;
    private static final int WRITE_CHUNK = 100;
    /**
     * What rescoring reads of a sheet: everything but its history, its outbox and the items of its result's criteria
     * (the explanation, which a comparison of results does not need). Named field by field, as the store then copies
     * only those (an exclusion copies the whole document first).
     */
    static final String[] RESCORE_FIELDS = fields(ScoreSheet.class, "", Map.of(
            ScoreSheet.class, java.util.Set.of("applicationId", "history", "outbox", "standing", "rankTotal",
                    "rankBase", "rankActivities"),
            CriterionScore.class, java.util.Set.of("items")));

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
            List<ScoreSheet.EligibilityFlag> eligibility = event.eligibilityFlags() == null ? List.of()
                    : event.eligibilityFlags().stream()
                            .map(f -> new ScoreSheet.EligibilityFlag(f.code(), f.message())).toList();
            ScoreSheet facts = new ScoreSheet(event.applicationId(), event.callId(), event.type(),
                    event.organization().creditCode(), event.organization().name(),
                    event.organization().parkCreditCode(), event.version(), event.submittedAt(), false, evidence,
                    current == null ? List.of() : current.reviews(), current == null ? null : current.result(),
                    current == null ? List.of() : current.history(), current == null ? 0 : current.revision(), null,
                    null, null, null, null, current == null ? null : current.decision(),
                    current == null ? null : current.proposal(), eligibility);
            Optional<ScoreSheet.CurrentResult> result;
            try {
                result = compute(facts, "SUBMISSION", eventId);
            } catch (InvalidEvidenceException e) {
                // intake validates; evidence that still cannot be scored is a poison event, dead-lettered with its reasons
                throw new PoisonEventException("application " + event.applicationId() + ": " + e.getMessage(), e);
            }
            if (current == null) {
                insert(facts, result);
            } else {
                apply(current, facts, factsUpdate(facts), outcome(facts, result));
            }
            if (result.isEmpty()) {
                // the call may have arrived while this sheet was written: its listener scans before our write is visible
                scoreIfAwaiting(event.applicationId(), "call:" + event.callId());
            }
        });
    }

    public void withdrawn(ApplicationWithdrawn event) {
        retrying(event.applicationId(), () -> {
            ScoreSheet current = mongo.findById(event.applicationId(), ScoreSheet.class);
            if (current != null) {
                guardedUpdate(current, ScoreSheet.rankingFields(new Update(), true, current.result())
                        .set("withdrawn", true));
            }
        });
    }

    /**
     * The call of these sheets arrived or changed: score what was waiting for it. Reads only the unscored sheets of
     * the call, through the ranking index, a page at a time.
     */
    public void scoreAwaiting(String callId) {
        addMissingRankingFields(callId);
        for (ApplicationType type : ApplicationType.values()) {
            int stillWaiting = 0; // sheets that cannot be scored yet stay in the range: page past them
            while (true) {
                List<String> page = ids(Query.query(Criteria.where("callId").is(callId).and("type").is(type.name())
                        .and("standing").is(ScoreSheet.Standing.UNSCORED.name())).skip(stillWaiting).limit(PAGE));
                for (String id : page) {
                    if (!retrying(id, () -> scoreIfAwaiting(id, "call:" + callId))) {
                        stillWaiting++;
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
    }

    /** @return false if the sheet still waits for its call or rubric */
    private boolean scoreIfAwaiting(String applicationId, String by) {
        ScoreSheet current = mongo.findById(applicationId, ScoreSheet.class);
        if (current == null || current.result() != null) {
            return true;
        }
        Optional<ScoreSheet.CurrentResult> result = compute(current, "SUBMISSION", by);
        result.ifPresent(r -> apply(current, current, new Update(), ResultRules.next(current, r)));
        return result.isPresent();
    }

    /** Sheets stored before the ranking fields existed get them, at start: nothing is read once every sheet has them. */
    @EventListener(ApplicationReadyEvent.class)
    void addMissingRankingFields() {
        int added = mongo.findAll(CallCopy.class).stream().mapToInt(c -> addMissingRankingFields(c.callId())).sum();
        if (added > 0) {
            log.info("added the ranking fields to {} score sheet(s) stored before them", added);
        }
    }

    /**
     * Gives a call's sheets stored before the ranking fields existed their ranking fields, a page at a time through
     * the ranking index (where their standing is null).
     *
     * @return how many sheets got them
     */
    int addMissingRankingFields(String callId) {
        int added = 0;
        for (ApplicationType type : ApplicationType.values()) {
            while (true) {
                List<String> page = ids(Query.query(Criteria.where("callId").is(callId).and("type").is(type.name())
                        .and("standing").is(null)).limit(PAGE));
                for (String id : page) {
                    retrying(id, () -> {
                        ScoreSheet current = mongo.findById(id, ScoreSheet.class);
                        if (current != null) {
                            guardedUpdate(current, ScoreSheet.rankingFields(new Update(), current.withdrawn(),
                                    current.result()));
                        }
                    });
                }
                added += page.size();
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        return added;
    }

    private List<String> ids(Query query) {
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    private void guardedUpdate(ScoreSheet current, Update update) {
        var outcome = mongo.updateFirst(Query.query(Criteria.where("_id").is(current.applicationId())
                .and("revision").is(current.revision())), update.inc("revision", 1), ScoreSheet.class);
        if (outcome.getMatchedCount() == 0) {
            throw new ConcurrentSheetUpdate(current.applicationId());
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
            apply(current, reviewed, new Update().set("reviews", reviews), outcome(current, result));
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
        return compute(sheet, cause, by, context(sheet));
    }

    private Optional<ScoreSheet.CurrentResult> compute(ScoreSheet sheet, String cause, String by,
            Optional<Context> context) {
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
                new ArrayList<>(List.of(scoreEvent(facts, r))), null, null, null, null, null, null,
                facts.eligibility())).orElse(facts);
        try {
            mongo.insert(sheet);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentSheetUpdate(facts.applicationId());
        }
        if (result.isPresent()) {
            relay.publishSoon(COLLECTION, facts.applicationId());
        }
    }

    /** What a computed result (if the call and rubric are known) does to the sheet as read: {@link ResultRules}. */
    private static ResultRules.Outcome outcome(ScoreSheet current, Optional<ScoreSheet.CurrentResult> computed) {
        return computed.<ResultRules.Outcome>map(r -> ResultRules.next(current, r))
                .orElse(new ResultRules.Unchanged());
    }

    /**
     * One update guarded by the revision read: the other changes, and what the rules decided of the new result: a
     * new result with its history entry and its event, or a proposal beside a frozen result (no event), or neither.
     *
     * @param next the sheet as it will be (its facts go into the event)
     */
    private void apply(ScoreSheet current, ScoreSheet next, Update update, ResultRules.Outcome outcome) {
        boolean publish = outcome instanceof ResultRules.Applied;
        if (outcome instanceof ResultRules.Applied applied) {
            resultUpdate(current, next, applied.result(), update);
        } else {
            keptResultUpdate(current, next, outcome, update);
        }
        var outcomeOfWrite = mongo.updateFirst(Query.query(Criteria.where("_id").is(current.applicationId())
                .and("revision").is(current.revision())), update, ScoreSheet.class);
        if (outcomeOfWrite.getMatchedCount() == 0) {
            throw new ConcurrentSheetUpdate(current.applicationId());
        }
        if (publish) {
            relay.publishSoon(COLLECTION, current.applicationId());
        }
    }

    /**
     * The district gave its opinion: the sheet's result is frozen from now on (a later review or rescoring becomes a
     * proposal). A repeated or older opinion changes nothing; a sheet not known here is left alone (a decision needs
     * a scored application, so its submission was read before).
     */
    public void decided(String applicationId, ScoreSheet.Decision decision) {
        retrying(applicationId, () -> {
            ScoreSheet current = mongo.findById(applicationId, ScoreSheet.class);
            if (current == null) {
                log.warn("a district opinion for application {} whose submission scoring never read", applicationId);
                return;
            }
            if (decision.equals(current.decision())) {
                return;
            }
            guardedUpdate(current, new Update().set("decision", decision));
        });
    }

    /**
     * The current result stays (unchanged, or frozen with a new proposal): the proposal if any, the ranking fields
     * (they move with the withdrawal), the next revision.
     */
    private static Update keptResultUpdate(ScoreSheet current, ScoreSheet next, ResultRules.Outcome outcome,
            Update update) {
        if (outcome instanceof ResultRules.Proposed proposed) {
            update.set("proposal", proposed.proposal());
        }
        return ScoreSheet.rankingFields(update, next.withdrawn(), current.result()).inc("revision", 1);
    }

    private Update resultUpdate(ScoreSheet current, ScoreSheet next, ScoreSheet.CurrentResult result) {
        return resultUpdate(current, next, result, new Update());
    }

    /** The new result with its event, the old one into the history, the ranking fields, the next revision. */
    private Update resultUpdate(ScoreSheet current, ScoreSheet next, ScoreSheet.CurrentResult result, Update update) {
        update.set("result", result).push("outbox", scoreEvent(next, result));
        if (current.result() != null) {
            update.push("history", historyOf(current.result()));
        }
        return ScoreSheet.rankingFields(update, next.withdrawn(), result).inc("revision", 1);
    }

    private static Update factsUpdate(ScoreSheet facts) {
        return new Update().set("callId", facts.callId()).set("type", facts.type())
                .set("creditCode", facts.creditCode()).set("organizationName", facts.organizationName())
                .set("parkCreditCode", facts.parkCreditCode()).set("applicationVersion", facts.applicationVersion())
                .set("submittedAt", facts.submittedAt()).set("withdrawn", false).set("evidence", facts.evidence())
                .set("eligibility", facts.eligibility());
    }

    private static ScoreSheet withReviews(ScoreSheet s, List<ScoreSheet.Review> reviews) {
        return new ScoreSheet(s.applicationId(), s.callId(), s.type(), s.creditCode(), s.organizationName(),
                s.parkCreditCode(), s.applicationVersion(), s.submittedAt(), s.withdrawn(), s.evidence(), reviews,
                s.result(), s.history(), s.revision(), s.outbox(), null, null, null, null, s.decision(), s.proposal(),
                s.eligibility());
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
            ResultRules.Outcome outcome = outcome(current, compute(current, "RESCORE", by));
            Optional<Rescored> change = rescored(current, outcome);
            if (!dryRun && !(outcome instanceof ResultRules.Unchanged)) {
                apply(current, current, new Update(), outcome);
            }
            return change;
        });
    }

    /**
     * A result a rescoring changed (or, in a dry run, would change).
     *
     * @param frozen the result is frozen by the district's decision: {@code after} was recorded as a proposal only
     */
    public record Rescored(ScoreSheet sheet, ScoreResult before, ScoreResult after, boolean frozen) {
    }

    /** The change a replay reports for an outcome; none when nothing would change (or a proposal is withdrawn). */
    private static Optional<Rescored> rescored(ScoreSheet current, ResultRules.Outcome outcome) {
        ScoreResult before = current.result() == null ? null : current.result().score();
        if (outcome instanceof ResultRules.Applied applied) {
            return Optional.of(new Rescored(current, before, applied.result().score(), false));
        }
        if (outcome instanceof ResultRules.Proposed proposed && proposed.proposal() != null) {
            return Optional.of(new Rescored(current, before, proposed.proposal().result().score(), true));
        }
        return Optional.empty();
    }

    /**
     * {@link #rescore(String, boolean, String)} for many sheets at once, as a replay reads them a page at a time
     * ({@link #forEachPage}): the call and rubric are looked up once per call and type, and the changed results are
     * written in one bulk update, each guarded by the revision read (a sheet changed meanwhile is rescored again on
     * its own).
     *
     * @param sheets      as read, without history or outbox; withdrawn ones are left alone
     * @param beforeWrite sees the changes before they are written (a replay records them there, so that an
     *                    interruption loses none)
     * @return the results that changed (or would change, in a dry run), in the order of {@code sheets}
     */
    public List<Rescored> rescoreAll(List<ScoreSheet> sheets, boolean dryRun, String by,
            java.util.function.Consumer<List<Rescored>> beforeWrite) {
        Map<String, Optional<Context>> contexts = new HashMap<>();
        List<Rescored> changes = new ArrayList<>();
        List<ResultRules.Outcome> next = new ArrayList<>();
        for (ScoreSheet current : sheets) {
            if (current.withdrawn()) {
                continue;
            }
            Optional<Context> context = contexts.computeIfAbsent(current.callId() + "/" + current.type(),
                    k -> context(current));
            ResultRules.Outcome outcome = outcome(current, compute(current, "RESCORE", by, context));
            Optional<Rescored> change = rescored(current, outcome);
            if (change.isPresent()) {
                changes.add(change.get());
                next.add(outcome);
            }
        }
        beforeWrite.accept(changes);
        if (dryRun || changes.isEmpty()) {
            return changes;
        }
        int matched = 0;
        for (int from = 0; from < changes.size(); from += WRITE_CHUNK) {
            // a chunk per round trip: each update rewrites a whole sheet, and a round trip has a read timeout
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ScoreSheet.class);
            for (int i = from; i < Math.min(changes.size(), from + WRITE_CHUNK); i++) {
                ScoreSheet current = changes.get(i).sheet();
                Update update = next.get(i) instanceof ResultRules.Applied applied
                        ? resultUpdate(current, current, applied.result())
                        : keptResultUpdate(current, current, next.get(i), new Update());
                bulk.updateOne(Query.query(Criteria.where("_id").is(current.applicationId())
                        .and("revision").is(current.revision())), update);
            }
            matched += bulk.execute().getMatchedCount();
        }
        List<Rescored> written = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Rescored change = changes.get(i);
            String id = change.sheet().applicationId();
            if (matched < changes.size() && !stored(id, next.get(i))) {
                // changed by someone else between our read and our write: rescored again on its own
                rescore(id, false, by).ifPresent(written::add);
                continue;
            }
            written.add(change);
            if (!change.frozen()) {
                relay.publishSoon(COLLECTION, id);
            }
        }
        return written;
    }

    /**
     * Every sheet of a call and type, without history, outbox or the items of its result's criteria (what
     * {@link #rescoreAll} needs), a page at a time in application id order: read
     * through the {@value ScoreSheet#CALL_TYPE_ID_INDEX} index, each page starting after the last id of the one before.
     */
    public void forEachPage(String callId, ApplicationType type, int size,
            java.util.function.Consumer<List<ScoreSheet>> action) {
        String after = null;
        while (true) {
            Criteria c = Criteria.where("callId").is(callId).and("type").is(type.name());
            if (after != null) {
                c = c.and("_id").gt(after);
            }
            Query page = Query.query(c).with(org.springframework.data.domain.Sort.by("_id")).limit(size);
            page.fields().include(RESCORE_FIELDS);
            List<ScoreSheet> sheets = mongo.find(page, ScoreSheet.class);
            if (!sheets.isEmpty()) {
                action.accept(sheets);
            }
            if (sheets.size() < size) {
                return;
            }
            after = sheets.get(sheets.size() - 1).applicationId();
        }
    }

    /** The leaf field paths of a stored record, nested records followed (also inside lists), {@code skip} left out. */
    private static String[] fields(Class<?> type, String prefix, Map<Class<?>, java.util.Set<String>> skip) {
        List<String> paths = new ArrayList<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            if (skip.getOrDefault(type, java.util.Set.of()).contains(c.getName())) {
                continue;
            }
            Class<?> element = c.getType();
            if (List.class.isAssignableFrom(element)
                    && c.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                element = e;
            }
            if (element.isRecord()) {
                paths.addAll(List.of(fields(element, prefix + c.getName() + ".", skip)));
            } else {
                paths.add(prefix + c.getName());
            }
        }
        return paths.toArray(String[]::new);
    }

    /**
     * Whether this exact result (by its computation time and version) is the sheet's current one, or, for a frozen
     * sheet, its proposal: our guarded write went through.
     */
    private boolean stored(String applicationId, ResultRules.Outcome outcome) {
        boolean proposal = outcome instanceof ResultRules.Proposed;
        ScoreSheet.CurrentResult result = outcome instanceof ResultRules.Applied a ? a.result()
                : ((ResultRules.Proposed) outcome).proposal().result();
        String field = proposal ? "proposal.result" : "result";
        Query q = Query.query(Criteria.where("_id").is(applicationId));
        q.fields().include(field + ".resultVersion", field + ".computedAt");
        org.bson.Document d = mongo.findOne(q, org.bson.Document.class, COLLECTION);
        org.bson.Document r = d == null ? null : proposal
                ? (d.get("proposal") instanceof org.bson.Document p ? p.get("result", org.bson.Document.class) : null)
                : d.get("result", org.bson.Document.class);
        return r != null && r.get("resultVersion") instanceof Number v && v.longValue() == result.resultVersion()
                && r.getDate("computedAt") != null && r.getDate("computedAt").toInstant()
                        .equals(result.computedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
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
