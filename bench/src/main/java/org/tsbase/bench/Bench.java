package org.tsbase.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.tsbase.localstack.JwtKeys;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.TokenMinter;

/**
 * {@code ./tsbase bench}: against a running stack, a deadline burst through the gateway and then directly at the
 * services (same rate, same length, same run), with submit → score visible and reads under load, an optional search
 * for the highest clean rate, and a rescoring replay against a bare harness. Prints a Markdown table and writes the
 * results as JSON.
 */
public final class Bench {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final BenchOptions options;
    private final Path projectRoot;
    private final PrintStream out;
    private final List<String> notes = new ArrayList<>();

    private StackInfo stack;
    private TokenMinter minter;
    private Http http;
    private ScoreWatcher scores;
    private CreditCodes codes;
    private String callId;
    private String reviewerToken;
    private LocalDate today;

    Bench(BenchOptions options, Path projectRoot, PrintStream out) {
        this.options = options;
        this.projectRoot = projectRoot;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Path root = Path.of(System.getProperty("tsbase.projectRoot", "")).toAbsolutePath().normalize();
        if (SeedOptions.wanted(Arrays.asList(args))) {
            seedOrVerify(args, root, out, err);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), System.getenv());
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                err.println("tsbase bench: " + e.getMessage());
                err.println();
            }
            (e.getMessage() == null ? out : err).print(BenchOptions.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            new Bench(options, root, out).run();
            System.exit(0);
        } catch (IllegalStateException e) {
            err.println("tsbase bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** {@code --seed N} or {@code --verify-acked FILE}: {@link Seeder}. */
    private static void seedOrVerify(String[] args, Path root, PrintStream out, PrintStream err) throws Exception {
        SeedOptions options;
        try {
            options = SeedOptions.parse(Arrays.asList(args), System.getenv());
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                err.println("tsbase bench: " + e.getMessage());
                err.println();
            }
            (e.getMessage() == null ? out : err).print(BenchOptions.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            new Seeder(options, root, out).run();
            System.exit(0);
        } catch (IllegalStateException e) {
            err.println("tsbase bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The three ways in: through the gateway, or straight at each service. */
    record Target(String name, String contacts, String applications, String scoring) {
    }

    private record Applicant(long n, String creditCode, String type, String token) {
    }

    /** An application created in a phase, for the reads. */
    private record Created(String id, String token, String type) {
    }

    void run() throws Exception {
        Path dataDir = projectRoot.resolve(options.dataDir());
        stack = StackInfo.read(dataDir);
        Path keyDir = dataDir.resolve("keys");
        if (!Files.isRegularFile(keyDir.resolve(JwtKeys.PRIVATE_KEY_FILE))) {
            throw new IllegalStateException("No signing key in " + keyDir + ": is " + dataDir + " the stack's data folder?");
        }
        minter = new TokenMinter(JwtKeys.loadOrCreate(keyDir));
        String adminToken = minter.mint(Role.ADMIN, null);
        reviewerToken = minter.mint(Role.DISTRICT_REVIEWER, null);
        ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
        String runId = RUN_ID.format(startedAt);
        today = LocalDate.now(Forms.SHANGHAI);
        codes = CreditCodes.forNewRun();
        Target gateway = new Target(Results.GATEWAY, stack.gateway(), stack.gateway(), stack.gateway());
        Target direct = new Target(Results.DIRECT, stack.service("contact-service"),
                stack.service("application-service"), stack.service("scoring-service"));
        Path outDir = options.outDir().map(projectRoot::resolve).orElse(projectRoot.resolve("bench/results"));
        Path stem = uniqueStem(outDir, startedAt.toLocalDate() + "-" + options.label());
        List<String> profiles = new ArrayList<>();
        Map<String, List<String>> hot = new LinkedHashMap<>();

        http = new Http(options.timeout());
        try (ScoreWatcher watcher = new ScoreWatcher(stack.kafka())) {
            scores = watcher;
            callId = options.callId().orElse("bench-" + runId);
            prepareCall(adminToken);
            out.printf("tsbase bench: run %s against %s, call %s%n", runId, stack.gateway(), callId);

            Results.FindMax findMax = null;
            int rate = options.rate();
            if (options.findMax()) {
                findMax = findMax(gateway, direct);
                rate = findMax.burstRate();
            }
            List<Results.PhaseResult> phases = new ArrayList<>();
            for (Target target : List.of(gateway, direct)) {
                Profiler profiler = options.profile() && target == gateway ? profiler() : null;
                if (profiler != null) {
                    profiler.start();
                }
                out.printf("burst %s: %d applicants/s for %s (+%s warm-up) ...%n", target.name(), rate,
                        human(options.duration()), human(options.warmup()));
                Results.PhaseResult phase = burst(target, rate, options.warmup(), options.duration(),
                        options.effectiveReadRate(), true);
                if (profiler != null) {
                    for (Path f : profiler.dumpAndStop(stem)) {
                        profiles.add(projectRoot.relativize(f).toString());
                        hot.put(f.getFileName().toString(), JfrSummary.hotMethods(f, 15));
                    }
                }
                phases.add(phase);
                out.printf("  flow p99 %s ms, submit p99 %s ms, score visible p99 %s ms, %d without a score%n",
                        phase.workload("flow").map(w -> Results.num(w.p99())).orElse("–"),
                        phase.workload("submit").map(w -> Results.num(w.p99())).orElse("–"),
                        phase.workload("score visible").map(w -> Results.num(w.p99())).orElse("–"),
                        phase.scoresMissing());
            }
            Results.ReplayResult replay = null;
            if (options.replay()) {
                out.println("rescoring replay of the call, then the bare harness ...");
                try {
                    replay = new ReplayBench(http, stack, adminToken).run(callId, runId, Duration.ofMinutes(5));
                } catch (RuntimeException e) {
                    notes.add("replay not measured: " + e.getMessage());
                }
            }
            Results results = new Results(runId, options.label(), startedAt.toString(), machine(), callId,
                    Results.optionsOf(options), findMax, phases, replay, profiles, hot.isEmpty() ? null : hot, notes);
            Path json = stem.resolveSibling(stem.getFileName() + ".json");
            results.write(json);
            String md = results.markdown();
            Files.writeString(stem.resolveSibling(stem.getFileName() + ".md"), md);
            out.println();
            out.print(md);
            out.println();
            out.println("Results: " + projectRoot.relativize(json) + " (and .md)"
                    + (profiles.isEmpty() ? "" : "; profiles: " + String.join(", ", profiles)
                    + " (read with: jfr summary FILE, jfr print --events jdk.ExecutionSample FILE)"));
        } finally {
            http.close();
        }
    }

    /** Creates the run's call (or checks the one named), and waits until scoring-service has its copy. */
    private void prepareCall(String adminToken) throws InterruptedException {
        if (options.callId().isEmpty()) {
            Http.Answer created = http.call(http.post(stack.gateway() + "/api/calls", adminToken, Forms.openCall(callId)));
            if (!created.ok()) {
                throw new IllegalStateException("Could not create the call " + callId + ": " + created.status() + " "
                        + created.body() + (created.status().equals("429")
                        ? " (raise the gateway's rate limit: see ./tsbase bench --help)" : ""));
            }
        }
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Http.Answer ranking = http.call(http.get(stack.gateway() + "/api/rankings?callId=" + callId + "&type=POINT",
                    reviewerToken));
            if (ranking.ok()) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("scoring-service does not know the call " + callId + " after 60 s: "
                        + ranking.status() + " " + ranking.body());
            }
            Thread.sleep(250);
        }
    }

    private Results.FindMax findMax(Target gateway, Target direct) throws InterruptedException {
        List<Results.Step> steps = new ArrayList<>();
        Map<String, Integer> best = new LinkedHashMap<>();
        best.put(gateway.name(), 0);
        best.put(direct.name(), 0);
        // both ways step up together (gateway, then direct, at each rate), so neither search runs on JVMs the other
        // one warmed up, and both meet the same state of the stack (the call fills up as the search goes)
        List<Target> searching = new ArrayList<>(List.of(gateway, direct));
        int rate = options.findMaxStart();
        while (!searching.isEmpty() && rate <= 5_000) {
            for (Target target : List.copyOf(searching)) {
                out.printf("rate search %s: %d applicants/s for %s ...%n", target.name(), rate,
                        human(options.stepDuration()));
                Results.PhaseResult r = burst(target, rate, Duration.ofSeconds(1), options.stepDuration(), 0, false);
                Results.WorkloadResult flow = r.workload("flow").orElseThrow();
                Map<String, Long> statuses = new LinkedHashMap<>();
                r.workloads().forEach(w -> w.statuses().forEach((s, n) -> {
                    if (!s.startsWith("2")) {
                        statuses.merge(w.name() + " " + s, n, Long::sum);
                    }
                }));
                long failures = statuses.values().stream().mapToLong(Long::longValue).sum();
                boolean ok = failures == 0 && flow.p99() <= options.maxP99().toMillis();
                steps.add(new Results.Step(target.name(), rate, ok, flow.p99(), failures, flow.okPerSecond(), statuses));
                out.printf("  %s: flow p99 %s ms, %d failed%s%n", ok ? "clean" : "NOT clean", Results.num(flow.p99()),
                        failures, statuses.isEmpty() ? "" : " (" + Results.statuses(statuses) + ")");
                scores.awaitQuiet(Duration.ofSeconds(3), options.scoreWait());
                if (ok) {
                    best.put(target.name(), rate);
                } else {
                    searching.remove(target);
                }
            }
            rate = Math.max(rate + 1, (int) Math.ceil(rate * options.findMaxFactor()));
        }
        int gatewayMax = best.get(Results.GATEWAY);
        int burstRate = Math.max(1, gatewayMax / 2);
        if (gatewayMax == 0) {
            notes.add("no clean step through the gateway even at " + options.findMaxStart() + "/s: bursts ran at 1/s");
        }
        return new Results.FindMax(steps, gatewayMax, best.get(Results.DIRECT), burstRate);
    }

    /**
     * One burst: {@code rate} applicants per second through {@code target}, unmeasured for {@code warmup}, measured
     * for {@code measured}; reads at {@code readRate} alongside; with {@code withScores}, waits for every measured
     * submission's score event.
     */
    private Results.PhaseResult burst(Target target, int rate, Duration warmup, Duration measured, int readRate,
            boolean withScores) throws InterruptedException {
        Map<String, Workload> measuredWork = workloads();
        Map<String, Workload> warmWork = workloads();
        List<Created> created = new CopyOnWriteArrayList<>();
        List<Created> scored = new CopyOnWriteArrayList<>();
        Duration length = warmup.plus(measured);
        long t0 = System.nanoTime() + 300_000_000L;
        long measuredStart = t0 + warmup.toNanos();
        ArrivalSchedule arrivals = ArrivalSchedule.of(t0, rate, length);
        List<Applicant> applicants = new ArrayList<>();
        for (long i = 0; i < arrivals.count(); i++) {
            String code = codes.next();
            String type = i % 4 == 3 ? "ZONE" : "POINT";
            applicants.add(new Applicant(i, code, type, minter.mint(Role.APPLICANT, code, Duration.ofHours(2))));
        }
        if (System.nanoTime() > t0) {
            t0 = System.nanoTime() + 100_000_000L;
            measuredStart = t0 + warmup.toNanos();
            arrivals = ArrivalSchedule.of(t0, rate, length);
        }
        Semaphore flows = new Semaphore(options.maxInFlight());
        Semaphore reads = new Semaphore(options.maxInFlight());
        final long start = measuredStart;
        final ArrivalSchedule schedule = arrivals;
        Thread reader = null;
        if (readRate > 0) {
            ArrivalSchedule readSchedule = ArrivalSchedule.of(t0, readRate, length);
            reader = new Thread(() -> readLoop(target, readSchedule, start, measuredWork, warmWork, created, scored,
                    reads), "bench-reads");
            reader.setDaemon(true);
            reader.start();
        }
        Map<String, Long> cpuBefore = null;
        for (long i = 0; i < schedule.count(); i++) {
            long due = schedule.intendedNanos(i);
            if (cpuBefore == null && due >= start) {
                sleepUntil(start);
                cpuBefore = ProcessCpu.snapshot(stack.pids());
            }
            sleepUntil(due);
            flows.acquire();
            flow(target, applicants.get((int) i), due, due >= start ? measuredWork : warmWork, withScores,
                    created, scored).whenComplete((v, e) -> flows.release());
        }
        if (cpuBefore == null) {
            cpuBefore = ProcessCpu.snapshot(stack.pids());
        }
        if (reader != null) {
            reader.join();
        }
        flows.acquire(options.maxInFlight());
        reads.acquire(options.maxInFlight());
        Map<String, Long> cpuAfter = ProcessCpu.snapshot(stack.pids());
        long lastDone = Math.max(measuredWork.get("flow").lastDoneNanos(), schedule.endNanos());
        double seconds = (lastDone - start) / 1e9;
        long missing = 0;
        if (withScores) {
            missing = scores.awaitAll(options.scoreWait());
            scores.forgetPending();
        }
        List<Results.WorkloadResult> results = new ArrayList<>();
        measuredWork.values().forEach(w -> results.add(w.result(seconds)));
        long applicantsDone = measuredWork.get("flow").ok();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : cpuAfter.entrySet()) {
            Long before = cpuBefore.get(e.getKey());
            if (before != null && applicantsDone > 0 && !e.getKey().equals("mail")) {
                cpu.put(e.getKey(), Math.round((e.getValue() - before) * 100.0 / applicantsDone) / 100.0);
            }
        }
        return new Results.PhaseResult(target.name(), rate, Math.round(measured.toMillis() / 100.0) / 10.0, results,
                cpu, missing);
    }

    private static Map<String, Workload> workloads() {
        Map<String, Workload> m = new LinkedHashMap<>();
        Results.WORKLOADS.forEach(name -> m.put(name, new Workload(name)));
        return m;
    }

    /** contact → create → submit, each step as soon as the one before answered 2xx; the flow from its due time. */
    private CompletableFuture<Void> flow(Target target, Applicant a, long due, Map<String, Workload> w,
            boolean awaitScore, List<Created> created, List<Created> scored) {
        String contactsUrl = target.contacts() + "/api/organizations/" + a.creditCode() + "/contacts";
        return http.post(contactsUrl, a.token(), Forms.contact(a.n())).thenCompose(contact -> {
            long t1 = System.nanoTime();
            w.get("contact").record(contact, due, t1);
            if (!contact.ok()) {
                return done(w, contact.status(), due);
            }
            Object form = a.type().equals("ZONE") ? Forms.zone(callId, a.creditCode(), a.n(), today)
                    : Forms.point(callId, a.creditCode(), a.n(), today);
            return http.post(target.applications() + "/api/applications", a.token(), form).thenCompose(create -> {
                long t2 = System.nanoTime();
                w.get("create").record(create, t1, t2);
                if (!create.ok()) {
                    return done(w, create.status(), due);
                }
                String id = Http.parse(create.body()).path("id").asText();
                Created c = new Created(id, a.token(), a.type());
                created.add(c);
                return submit(target.applications() + "/api/applications/" + id + "/submit", a.token(), 0)
                        .thenCompose(submit -> {
                            long t3 = System.nanoTime();
                            w.get("submit").record(submit, t2, t3);
                            if (submit.ok() && awaitScore) {
                                // the score read picks only applications whose score event was seen
                                scores.expect(id, t2, w.get("score visible"), () -> scored.add(c));
                            }
                            return done(w, submit.status(), due);
                        });
            });
        });
    }

    /**
     * Submits; while application-service has not yet read the contact just registered from the contact topic (422
     * naming {@code contacts}), asks again every 250 ms for up to 30 s: the wait counts in the flow's latency.
     */
    private CompletableFuture<Http.Answer> submit(String url, String token, int attempt) {
        return http.post(url, token, null).thenCompose(answer -> {
            if (!Seeder.waitsForContact(answer) || attempt >= 120) {
                return CompletableFuture.completedFuture(answer);
            }
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(250, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(x -> submit(url, token, attempt + 1));
        });
    }

    private static CompletableFuture<Void> done(Map<String, Workload> w, String status, long due) {
        w.get("flow").record(status, due, System.nanoTime());
        return CompletableFuture.completedFuture(null);
    }

    private void readLoop(Target target, ArrivalSchedule schedule, long measuredStart, Map<String, Workload> measured,
            Map<String, Workload> warm, List<Created> created, List<Created> scored, Semaphore permits) {
        try {
            for (long i = 0; i < schedule.count(); i++) {
                long due = schedule.intendedNanos(i);
                sleepUntil(due);
                Map<String, Workload> w = due >= measuredStart ? measured : warm;
                String kind;
                CompletableFuture<Http.Answer> answer;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                switch ((int) (i % 4)) {
                    case 0 -> {
                        if (created.isEmpty()) {
                            continue;
                        }
                        Created c = created.get(random.nextInt(created.size()));
                        kind = "read: by id";
                        permits.acquire();
                        answer = http.get(target.applications() + "/api/applications/" + c.id(), c.token());
                    }
                    case 1 -> {
                        kind = "read: list page";
                        permits.acquire();
                        answer = http.get(target.applications() + "/api/applications?callId=" + callId
                                + "&page=0&size=20", reviewerToken);
                    }
                    case 2 -> {
                        kind = "read: ranking";
                        permits.acquire();
                        answer = http.get(target.scoring() + "/api/rankings?callId=" + callId + "&type="
                                + (i % 8 == 2 ? "ZONE" : "POINT"), reviewerToken);
                    }
                    default -> {
                        if (scored.isEmpty()) {
                            continue;
                        }
                        Created c = scored.get(random.nextInt(scored.size()));
                        kind = "read: score";
                        permits.acquire();
                        answer = http.get(target.scoring() + "/api/scores/" + c.id(), c.token());
                    }
                }
                Workload workload = w.get(kind);
                answer.whenComplete((a, e) -> {
                    if (a == null) {
                        workload.record(Workload.IO_ERROR, due, System.nanoTime());
                    } else {
                        workload.record(a, due, System.nanoTime());
                    }
                    permits.release();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Profiler profiler() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : List.of("gateway", "application-service")) {
            Long pid = stack.pids().get(part);
            if (pid != null) {
                pids.put(part, pid);
            }
        }
        return new Profiler(pids, notes);
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static Path uniqueStem(Path dir, String base) {
        Path stem = dir.resolve(base);
        for (int i = 2; Files.exists(stem.resolveSibling(stem.getFileName() + ".json")); i++) {
            stem = dir.resolve(base + "-" + i);
        }
        return stem;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
