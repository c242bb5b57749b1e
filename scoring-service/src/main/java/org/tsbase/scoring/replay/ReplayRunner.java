package org.tsbase.scoring.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.ranking.RankedEntry;
import org.tsbase.scoring.ranking.Ranking;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.scoring.sheet.RankingIndex;
import org.tsbase.scoring.sheet.ScoreSheet;
import org.tsbase.scoring.sheet.Scoring;
import org.tsbase.support.kafka.PoisonEventException;
import org.tsbase.support.kafka.ReceivedEvent;
import org.tsbase.support.web.ApiException;

/**
 * Runs replay jobs one at a time: reads the application topic with a consumer of its own (no group offsets: the job
 * document holds its positions), rescores each submitted application once with the rubric its call names now and the
 * reviews held, and records the totals, pass/fail and ranks that changed. A dry run stores and publishes nothing.
 */
@Component
class ReplayRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);
    static final String COLLECTION = "replayjobs";
    private static final Duration POLL = Duration.ofMillis(500);
    /** How many entries of a diff the job keeps (its size counts them all). */
    static final int DIFF_SHOWN = 1000;
    private static final int CHANGES_PAGE = 5000;
    /** Sheets read, rescored and written together. */
    private static final int PAGE = 200;

    private final MongoTemplate mongo;
    private final ConsumerFactory<String, byte[]> consumers;
    private final Scoring scoring;
    private final CallCopies calls;
    private final RankingIndex rankings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay");
        t.setDaemon(true);
        return t;
    });

    private final org.tsbase.support.outbox.OutboxEvents events;
    private final org.tsbase.support.outbox.OutboxRelay relay;

    ReplayRunner(MongoTemplate mongo, ConsumerFactory<String, byte[]> consumers, Scoring scoring, CallCopies calls,
            RankingIndex rankings, Clock clock, org.tsbase.support.outbox.OutboxEvents events,
            org.tsbase.support.outbox.OutboxRelay relay) {
        this.events = events;
        this.relay = relay;
        this.mongo = mongo;
        this.consumers = consumers;
        this.scoring = scoring;
        this.calls = calls;
        this.rankings = rankings;
        this.clock = clock;
    }

    ReplayJob start(String rubricId, String callId, boolean dryRun, String requestedBy, String reason) {
        if (mongo.exists(Query.query(Criteria.where("state").is(ReplayJob.State.RUNNING)), ReplayJob.class)) {
            throw ApiException.conflict("replay.already-running");
        }
        String jobId = UUID.randomUUID().toString();
        Map<String, Long> end = new LinkedHashMap<>();
        Map<String, Long> begin = new LinkedHashMap<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("scoring-replay-" + jobId, null)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.endOffsets(partitions).forEach((tp, offset) -> end.put(String.valueOf(tp.partition()), offset));
            consumer.beginningOffsets(partitions).forEach((tp, o) -> begin.put(String.valueOf(tp.partition()), o));
        }
        long total = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.getOrDefault(e.getKey(), 0L)).sum();
        ReplayJob job = new ReplayJob(jobId, rubricId, callId, dryRun, ReplayJob.State.RUNNING, requestedBy,
                clock.instant(), null, end, begin, total, 0, 0, List.of(), 0, null, reason, List.of());
        mongo.insert(job);
        worker.execute(() -> run(jobId));
        return job;
    }

    Optional<ReplayJob> find(String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, ReplayJob.class));
    }

    List<ReplayJob> recent() {
        return mongo.find(new Query().with(org.springframework.data.domain.Sort.by(
                org.springframework.data.domain.Sort.Direction.DESC, "startedAt")).limit(20), ReplayJob.class);
    }

    /** A job interrupted by a restart goes on from the positions it stored. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        mongo.find(Query.query(Criteria.where("state").is(ReplayJob.State.RUNNING)), ReplayJob.class)
                .forEach(job -> worker.execute(() -> run(job.jobId())));
    }

    void run(String jobId) {
        ReplayJob job = mongo.findById(jobId, ReplayJob.class);
        if (job == null || job.state() != ReplayJob.State.RUNNING) {
            return;
        }
        try {
            // a job resumed after a restart no longer knows what it read before: it takes every sheet in its scope
            boolean resumed = job.processed() > 0;
            Map<String, Set<Long>> submitted = read(job);
            rescore(job, resumed ? null : submitted);
            List<ReplayChange> changes = changes(jobId);
            Diff diff = diff(job, changes);
            java.time.Instant finished = clock.instant();
            ReplayJob read = java.util.Objects.requireNonNullElse(mongo.findById(jobId, ReplayJob.class), job);
            List<org.tsbase.support.outbox.OutboxEntry> audit = audit(read, changes.size(), finished);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), new Update()
                    .set("state", ReplayJob.State.COMPLETED).set("finishedAt", finished)
                    .set("changed", changes.size()).set("diff", diff.shown()).set("diffSize", diff.size())
                    .push("outbox").each(audit.toArray()), ReplayJob.class);
            if (!audit.isEmpty()) {
                relay.publishSoon(COLLECTION, jobId);
            }
            mongo.remove(Query.query(Criteria.where("jobId").is(jobId)), ReplayChange.class);
            log.info("replay {} completed: {} result(s) {}", jobId, changes.size(),
                    job.dryRun() ? "would change" : "changed");
        } catch (RuntimeException e) {
            log.error("replay {} failed", jobId, e);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), new Update()
                    .set("state", ReplayJob.State.FAILED).set("finishedAt", clock.instant())
                    .set("error", e.getClass().getSimpleName()), ReplayJob.class);
        }
    }

    /**
     * Reads the job's events from its stored positions, storing them after each poll.
     *
     * @return application → the versions its submissions name (of the job's call, if it names one)
     */
    private Map<String, Set<Long>> read(ReplayJob job) {
        Map<String, Set<Long>> submitted = new HashMap<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("scoring-replay-" + job.jobId(), null)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<String, Long> positions = new HashMap<>(job.positions());
            partitions.forEach(tp -> consumer.seek(tp, positions.getOrDefault(String.valueOf(tp.partition()), 0L)));
            long processed = job.processed();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end(job, tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end(job, new TopicPartition(record.topic(), record.partition()))) {
                        continue; // arrived after the job started: not part of this replay
                    }
                    processed++;
                    submitted(job, record).ifPresent(s -> submitted
                            .computeIfAbsent(s.applicationId(), k -> new HashSet<>(2)).add(s.version()));
                }
                partitions.forEach(tp -> positions.put(String.valueOf(tp.partition()),
                        Math.min(consumer.position(tp), end(job, tp))));
                mongo.updateFirst(Query.query(Criteria.where("_id").is(job.jobId())),
                        new Update().set("positions", positions).set("processed", processed), ReplayJob.class);
            }
        }
        return submitted;
    }

    /**
     * Rescores the sheets of the job's calls and types (those whose rubric is the job's, if it names one), read a page
     * at a time, each page's changes recorded and then written together.
     *
     * @param submitted application → the versions the job read; only a sheet at one of them is rescored (null: every
     *                  sheet in scope)
     */
    /** The calls a job reads: the one it names, else those scoring some type with its rubric, else every call. */
    private List<CallCopy> scope(ReplayJob job) {
        return job.callId() != null ? calls.find(job.callId()).map(List::of).orElse(List.of())
                : calls.naming(job.rubricId());
    }

    private void rescore(ReplayJob job, Map<String, Set<Long>> submitted) {
        for (CallCopy call : scope(job)) {
            for (ApplicationType type : ApplicationType.values()) {
                if (job.rubricId() != null && call.rubricFor(type).filter(job.rubricId()::equals).isEmpty()) {
                    continue;
                }
                scoring.forEachPage(call.callId(), type, PAGE, page -> {
                    List<ScoreSheet> selected = submitted == null ? page : page.stream().filter(s -> submitted
                            .getOrDefault(s.applicationId(), Set.of()).contains(s.applicationVersion())).toList();
                    if (!selected.isEmpty()) {
                        scoring.rescoreAll(selected, job.dryRun(), job.requestedBy(), changes -> record(job, changes));
                    }
                });
            }
        }
    }

    /** The job's recorded changes, read through its index a page at a time. */
    private List<ReplayChange> changes(String jobId) {
        List<ReplayChange> changes = new ArrayList<>();
        String after = null;
        while (true) {
            Criteria c = Criteria.where("jobId").is(jobId);
            if (after != null) {
                c = c.and("_id").gt(after);
            }
            List<ReplayChange> page = mongo.find(Query.query(c).with(Sort.by("_id")).limit(CHANGES_PAGE),
                    ReplayChange.class);
            changes.addAll(page);
            if (page.size() < CHANGES_PAGE) {
                return changes;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** The submission a record carries, if it is one of the job's call (or of any call). */
    private Optional<ApplicationSubmitted> submitted(ReplayJob job, ConsumerRecord<String, byte[]> record) {
        try {
            ReceivedEvent event = ReceivedEvent.of(record);
            if (!event.is(EventTypes.APPLICATION_SUBMITTED)) {
                return Optional.empty();
            }
            ApplicationSubmitted submitted = event.payload(ApplicationSubmitted.class);
            if (job.callId() != null && !job.callId().equals(submitted.callId())) {
                return Optional.empty();
            }
            return Optional.of(submitted);
        } catch (PoisonEventException e) {
            return Optional.empty(); // the live consumer dead-lettered it already
        }
    }

    /**
     * The audit events of a completed job: one {@code scoring.decision.v1} per call it concerned (the call it was
     * asked for, else the calls naming its rubric, else every call), who asked, when, why and what it changed.
     */
    private List<org.tsbase.support.outbox.OutboxEntry> audit(ReplayJob job, int changed, java.time.Instant at) {
        List<String> callIds = job.callId() != null ? List.of(job.callId())
                : scope(job).stream().map(CallCopy::callId).toList();
        String summary = (job.dryRun() ? "试算重算（不保存）" : "重算") + "：读取 " + job.processed() + " 条申报事件，"
                + changed + " 份结果" + (job.dryRun() ? "将" : "已") + "变化"
                + (job.rubricId() == null ? "" : "（评分标准 " + job.rubricId() + "）");
        return callIds.stream().map(callId -> events.event(org.tsbase.events.Topics.SCORING_DECISIONS, callId,
                org.tsbase.events.EventTypes.SCORING_DECISION, new org.tsbase.events.ScoringDecision(
                        "REPLAY_COMPLETED", callId, job.requestedBy(), at, summary, job.reason(), job.rubricId(), null,
                        job.jobId()))).toList();
    }

    /** Records a page's changes in one bulk write; an application met again keeps the result it had first. */
    private void record(ReplayJob job, List<Scoring.Rescored> changes) {
        if (changes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ReplayChange.class);
        for (Scoring.Rescored r : changes) {
            ScoreSheet s = r.sheet();
            String id = ReplayChange.id(job.jobId(), s.applicationId());
            bulk.upsert(Query.query(Criteria.where("_id").is(id)), new Update()
                    .setOnInsert("jobId", job.jobId()).setOnInsert("applicationId", s.applicationId())
                    .setOnInsert("callId", s.callId()).setOnInsert("type", s.type().name())
                    .setOnInsert("organizationName", s.organizationName()).setOnInsert("submittedAt", s.submittedAt())
                    .setOnInsert("before", ReplayChange.Result.of(r.before()))
                    .setOnInsert("after", ReplayChange.Result.of(r.after())).setOnInsert("frozen", r.frozen()));
        }
        bulk.execute();
    }

    /** The diff as stored in the job (its first {@value #DIFF_SHOWN} entries) and its whole size. */
    private record Diff(List<ReplayJob.Change> shown, long size) {
    }

    /**
     * The applications whose total, pass/fail or rank changed: the rescored ones, then those only moved in rank. The
     * ranks come from the rankings of the calls and types the changes touched, read once through the ranking index;
     * the state not stored (before a real run, after a dry run) is that ranking with the recorded results in place.
     */
    private Diff diff(ReplayJob job, List<ReplayChange> changes) {
        Map<String, Integer> before = new HashMap<>();
        Map<String, Integer> after = new HashMap<>();
        Map<String, List<ReplayChange>> groups = new LinkedHashMap<>();
        changes.forEach(c -> groups.computeIfAbsent(c.callId() + "/" + c.type(), g -> new ArrayList<>()).add(c));
        List<String> moved = new ArrayList<>();
        for (List<ReplayChange> group : groups.values()) {
            ReplayChange any = group.get(0);
            ApplicationType type = ApplicationType.valueOf(any.type());
            Map<String, RankingEntry> replaced = new HashMap<>();
            for (ReplayChange c : group) {
                if (!c.frozen()) { // a frozen result keeps its place: its new figures are only a proposal
                    replaced.put(c.applicationId(), c.entry(job.dryRun() ? c.after() : c.before()));
                }
            }
            List<RankingEntry> stored = new ArrayList<>();
            rankings.forEachScored(any.callId(), type, stored::add);
            List<RankingEntry> other = new ArrayList<>(stored.size());
            stored.stream().filter(e -> !replaced.containsKey(e.applicationId())).forEach(other::add);
            replaced.values().stream().filter(java.util.Objects::nonNull).forEach(other::add);
            RubricType rubricType = RubricType.valueOf(type.name());
            Map<String, Integer> storedRanks = ranks(rubricType, stored);
            Map<String, Integer> otherRanks = ranks(rubricType, other);
            Map<String, Integer> groupBefore = job.dryRun() ? storedRanks : otherRanks;
            Map<String, Integer> groupAfter = job.dryRun() ? otherRanks : storedRanks;
            before.putAll(groupBefore);
            after.putAll(groupAfter);
            // moved only: in the order of the ranking after (then of the one before), for a stable diff
            Set<String> rescored = new HashSet<>();
            group.forEach(c -> rescored.add(c.applicationId()));
            java.util.stream.Stream.concat(groupAfter.keySet().stream(), groupBefore.keySet().stream()).distinct()
                    .filter(id -> !rescored.contains(id) && !java.util.Objects.equals(groupBefore.get(id),
                            groupAfter.get(id)))
                    .sorted(java.util.Comparator.comparing((String id) -> groupAfter.getOrDefault(id, Integer.MAX_VALUE))
                            .thenComparing(id -> groupBefore.getOrDefault(id, Integer.MAX_VALUE)))
                    .forEach(moved::add);
        }
        List<ReplayJob.Change> shown = new ArrayList<>();
        for (ReplayChange c : changes) {
            if (shown.size() >= DIFF_SHOWN) {
                break;
            }
            shown.add(new ReplayJob.Change(c.applicationId(), c.callId(), c.type(), c.organizationName(),
                    c.before() == null ? null : c.before().rubric(), c.after() == null ? null : c.after().rubric(),
                    c.before() == null ? null : c.before().total(), c.after() == null ? null : c.after().total(),
                    c.before() == null ? null : c.before().passed(), c.after() == null ? null : c.after().passed(),
                    before.get(c.applicationId()), after.get(c.applicationId()), c.frozen()));
        }
        for (String id : moved) {
            if (shown.size() >= DIFF_SHOWN) {
                break;
            }
            scoring.sheet(id).ifPresent(sheet -> {
                ScoreResult is = sheet.result() == null ? null : sheet.result().score();
                String rubric = is == null ? null : is.rubricId() + " v" + is.rubricVersion();
                shown.add(new ReplayJob.Change(id, sheet.callId(), sheet.type().name(), sheet.organizationName(),
                        rubric, rubric, is == null ? null : is.total(), is == null ? null : is.total(),
                        is == null ? null : is.passed(), is == null ? null : is.passed(), before.get(id), after.get(id),
                        sheet.frozen()));
            });
        }
        return new Diff(List.copyOf(shown), changes.size() + moved.size());
    }

    private static Map<String, Integer> ranks(RubricType type, List<RankingEntry> entries) {
        Map<String, Integer> ranks = new HashMap<>();
        for (RankedEntry r : Ranking.rank(type, 0, entries)) {
            ranks.put(r.entry().applicationId(), r.rank());
        }
        return ranks;
    }

    private static long end(ReplayJob job, TopicPartition tp) {
        return job.endOffsets().getOrDefault(String.valueOf(tp.partition()), 0L);
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return consumer.partitionsFor(Topics.APPLICATIONS, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(Topics.APPLICATIONS, p.partition())).toList();
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
