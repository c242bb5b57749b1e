package org.tsbase.scoring.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.ranking.RankedEntry;
import org.tsbase.scoring.ranking.Ranking;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;
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
    private static final Duration POLL = Duration.ofMillis(500);

    private final MongoTemplate mongo;
    private final ConsumerFactory<String, byte[]> consumers;
    private final Scoring scoring;
    private final CallCopies calls;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay");
        t.setDaemon(true);
        return t;
    });

    ReplayRunner(MongoTemplate mongo, ConsumerFactory<String, byte[]> consumers, Scoring scoring, CallCopies calls,
            Clock clock) {
        this.mongo = mongo;
        this.consumers = consumers;
        this.scoring = scoring;
        this.calls = calls;
        this.clock = clock;
    }

    ReplayJob start(String rubricId, String callId, boolean dryRun, String requestedBy) {
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
                clock.instant(), null, end, begin, total, 0, 0, List.of(), null);
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
            Set<String> applications = read(job);
            Map<String, Integer> ranksBefore = ranks(Map.of());
            Map<String, ScoreResult> after = new HashMap<>();
            Map<String, Scoring.Rescored> changes = new LinkedHashMap<>();
            for (String applicationId : applications) {
                scoring.rescore(applicationId, job.dryRun(), job.requestedBy()).ifPresent(r -> {
                    changes.put(applicationId, r);
                    after.put(applicationId, r.after());
                });
            }
            Map<String, Integer> ranksAfter = ranks(job.dryRun() ? after : Map.of());
            List<ReplayJob.Change> diff = diff(changes, ranksBefore, ranksAfter);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), new Update()
                    .set("state", ReplayJob.State.COMPLETED).set("finishedAt", clock.instant())
                    .set("changed", changes.size()).set("diff", diff), ReplayJob.class);
            log.info("replay {} completed: {} application(s) read, {} result(s) {}", jobId, applications.size(),
                    changes.size(), job.dryRun() ? "would change" : "changed");
        } catch (RuntimeException e) {
            log.error("replay {} failed", jobId, e);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), new Update()
                    .set("state", ReplayJob.State.FAILED).set("finishedAt", clock.instant())
                    .set("error", e.getClass().getSimpleName()), ReplayJob.class);
        }
    }

    /** The applications whose latest submission the job's events name, in topic order, storing progress as it goes. */
    private Set<String> read(ReplayJob job) {
        Set<String> applications = new LinkedHashSet<>();
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
                    selected(job, record).ifPresent(applications::add);
                }
                partitions.forEach(tp -> positions.put(String.valueOf(tp.partition()),
                        Math.min(consumer.position(tp), end(job, tp))));
                mongo.updateFirst(Query.query(Criteria.where("_id").is(job.jobId())),
                        new Update().set("positions", positions).set("processed", processed), ReplayJob.class);
            }
        }
        // applications read before an interruption are found again: positions only move forward
        applications.addAll(selectedSoFar(job));
        return applications;
    }

    private Set<String> selectedSoFar(ReplayJob job) {
        // a resumed job starts reading where it stopped; the sheets of its call (or all) cover what came before
        if (job.positions().values().stream().allMatch(p -> p == 0L)) {
            return Set.of();
        }
        Query q = job.callId() == null ? new Query() : Query.query(Criteria.where("callId").is(job.callId()));
        Set<String> ids = new LinkedHashSet<>();
        mongo.find(q, ScoreSheet.class).stream().filter(s -> matchesRubric(job, s)).forEach(s -> ids.add(s.applicationId()));
        return ids;
    }

    private Optional<String> selected(ReplayJob job, ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.of(record);
            if (!event.is(EventTypes.APPLICATION_SUBMITTED)) {
                return Optional.empty();
            }
            ApplicationSubmitted submitted = event.payload(ApplicationSubmitted.class);
            if (job.callId() != null && !job.callId().equals(submitted.callId())) {
                return Optional.empty();
            }
            return scoring.sheet(submitted.applicationId())
                    .filter(s -> s.applicationVersion() == submitted.version())  // only its current version
                    .filter(s -> matchesRubric(job, s))
                    .map(ScoreSheet::applicationId);
        } catch (PoisonEventException e) {
            return Optional.empty(); // the live consumer dead-lettered it already
        }
    }

    private boolean matchesRubric(ReplayJob job, ScoreSheet sheet) {
        return job.rubricId() == null || calls.find(sheet.callId())
                .flatMap(c -> c.rubricFor(sheet.type())).filter(job.rubricId()::equals).isPresent();
    }

    /** Rank of every passed, scored application in its call and type; {@code overrides} replace stored results. */
    private Map<String, Integer> ranks(Map<String, ScoreResult> overrides) {
        Map<String, List<RankingEntry>> groups = new HashMap<>();
        Map<String, Integer> quotas = new HashMap<>();
        for (ScoreSheet s : mongo.find(Query.query(Criteria.where("withdrawn").is(false)), ScoreSheet.class)) {
            ScoreResult result = overrides.getOrDefault(s.applicationId(), s.result() == null ? null : s.result().score());
            if (result == null) {
                continue;
            }
            String group = s.callId() + "/" + s.type();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(RankingEntry.of(s.applicationId(), s.submittedAt(), result));
            quotas.computeIfAbsent(group, g -> calls.find(s.callId()).map(c -> c.quotaFor(s.type())).orElse(0));
        }
        Map<String, Integer> ranks = new HashMap<>();
        groups.forEach((group, entries) -> {
            for (RankedEntry r : Ranking.rank(entries.get(0).type(), quotas.get(group), entries)) {
                ranks.put(r.entry().applicationId(), r.rank());
            }
        });
        return ranks;
    }

    private List<ReplayJob.Change> diff(Map<String, Scoring.Rescored> changes, Map<String, Integer> before,
            Map<String, Integer> after) {
        List<ReplayJob.Change> diff = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(changes.keySet());
        before.forEach((id, rank) -> {
            if (!rank.equals(after.get(id))) {
                ids.add(id);
            }
        });
        after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(ids::add);
        for (String id : ids) {
            Scoring.Rescored r = changes.get(id);
            ScoreSheet sheet = r != null ? r.sheet() : scoring.sheet(id).orElse(null);
            if (sheet == null) {
                continue;
            }
            ScoreResult was = r != null ? r.before() : sheet.result() == null ? null : sheet.result().score();
            ScoreResult is = r != null ? r.after() : was;
            diff.add(new ReplayJob.Change(id, sheet.callId(), sheet.type().name(), sheet.organizationName(),
                    was == null ? null : was.rubricId() + " v" + was.rubricVersion(),
                    is == null ? null : is.rubricId() + " v" + is.rubricVersion(),
                    was == null ? null : was.total(), is == null ? null : is.total(),
                    was == null ? null : was.passed(), is == null ? null : is.passed(), before.get(id), after.get(id)));
        }
        return diff;
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
