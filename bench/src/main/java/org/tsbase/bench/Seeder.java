package org.tsbase.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.tsbase.localstack.JwtKeys;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.TokenMinter;

/**
 * {@code ./tsbase bench --seed N}: fills one call with N complete, submitted applications, directly at
 * application-service, as fast as it takes them (bounded concurrency, 429/503 retried after {@code Retry-After}),
 * resumable; at each checkpoint it waits for scoring to catch up and measures the stack holding that many (idle CPU,
 * RSS, database file, applications scored, reads through the gateway). Each organisation names one contact (附件6 is
 * required at submission) reachable by phone only, so that no mail is sent (the local mail server keeps mail in
 * memory).
 * {@code --verify-acked FILE} reads back every application a seeding had acknowledged.
 */
final class Seeder {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_ATTEMPTS = 8;
    private static final int MAX_FAILURES_IN_A_ROW = 50;
    static final List<String> READS = List.of("read: by id", "read: list page", "read: ranking", "read: score");

    /** What the stack was like holding {@code applications} applications in the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Checkpoint(long applications, String measuredAt, long seededThisRun, double seedSeconds,
            double seedApplicationsPerSecond, Map<String, Long> seedStatuses, long submittedNotScored, long scored,
            double scoreCatchUpSeconds, double idleSeconds, Map<String, Double> idleCpuPercentOfOneCore,
            Map<String, Long> rssMiB, long dataFileBytes, long dataFileBytesPerApplication, int readRate,
            int rankingRate, List<Results.WorkloadResult> reads, List<Results.WorkloadResult> readsDirect,
            Map<String, Double> firstIdleCpuPercentOfOneCore, double idleSettledAfterSeconds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedResults(String runId, String label, String startedAt, String machine, String callId,
            Map<String, Object> options, long applicationsAtStart, List<Checkpoint> checkpoints, List<String> notes) {
    }

    private enum Outcome { NEW, EXISTED, FAILED }

    private final SeedOptions options;
    private final Path projectRoot;
    private final PrintStream out;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong failuresInARow = new AtomicLong();
    private final LongAdder newApplications = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();

    private Path dataDir;
    private StackInfo stack;
    private Http http;
    private String adminToken;
    private String reviewerToken;
    private String app;
    private String contacts;
    private CreditCodes codes;
    private LocalDate today;
    private BufferedWriter ackedLog;
    private AtomicLong nextIndex;
    /** The first index of this run: from it on, contacts are named {@link #CONTACT_LEAD} organisations ahead. */
    private long contactsFrom;
    /**
     * Organisations name their contact this far ahead of their submission, as they would days before the deadline:
     * a contact reaches application-service through the contact topic, and a submission right after it was named
     * is refused (422) until it has arrived. Naming it at once and asking again made every seeded application wait for
     * that trip and kept the stack busy with refused submissions (13-18 applications/s, 3-8 refusals each).
     */
    static final long CONTACT_LEAD = 2_000;
    private volatile boolean giveUp;
    private volatile boolean timeUp;
    private long deadlineNanos = Long.MAX_VALUE;

    Seeder(SeedOptions options, Path projectRoot, PrintStream out) {
        this.options = options;
        this.projectRoot = projectRoot;
        this.out = out;
    }

    /** Credit codes fixed by the call: index {@code i} of call {@code c} is always the same code. */
    static CreditCodes codesFor(String callId) {
        int h = callId.hashCode() & 0x7fffffff;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            prefix.append(CreditCodes.ALPHABET.charAt(h % CreditCodes.ALPHABET.length()));
            h /= CreditCodes.ALPHABET.length();
        }
        return new CreditCodes(prefix.toString());
    }

    void run() throws Exception {
        dataDir = projectRoot.resolve(options.dataDir());
        stack = StackInfo.read(dataDir);
        TokenMinter minter = new TokenMinter(JwtKeys.loadOrCreate(dataDir.resolve("keys")));
        adminToken = minter.mint(Role.ADMIN, null, Duration.ofHours(12));
        reviewerToken = minter.mint(Role.DISTRICT_REVIEWER, null, Duration.ofHours(12));
        app = stack.service("application-service");
        contacts = stack.service("contact-service");
        http = new Http(options.timeout());
        try {
            if (options.verifyAcked().isPresent()) {
                verify(projectRoot.resolve(options.verifyAcked().get()));
            } else {
                seed();
            }
        } finally {
            http.close();
        }
    }

    private void seed() throws Exception {
        ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
        String runId = RUN_ID.format(startedAt);
        today = LocalDate.now(Forms.SHANGHAI);
        codes = codesFor(options.callId());
        prepareCall();
        Path log = options.ackedLogIn(dataDir);
        loadIds(log);
        ackedLog = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Path outDir = options.outDir().map(projectRoot::resolve).orElse(projectRoot.resolve("bench/results"));
        Path stem = uniqueStem(outDir, startedAt.toLocalDate() + "-" + options.label());
        long atStart = count(null);
        submitLeftDrafts();
        nextIndex = new AtomicLong(atStart);
        contactsFrom = atStart;
        options.seedFor().ifPresent(d -> deadlineNanos = System.nanoTime() + d.toNanos());
        out.printf("tsbase bench --seed: call %s holds %d applications; filling it to %d at application-service %s"
                + " (%d at once%s); acknowledged ones go to %s%n", options.callId(), atStart, options.seed(), app,
                options.concurrency(), options.seedRate() > 0 ? ", at most " + options.seedRate() + "/s" : "",
                projectRoot.relativize(log));
        List<Long> targets = new ArrayList<>();
        options.checkpoints().stream().filter(c -> c > atStart && c < options.seed()).forEach(targets::add);
        targets.add(Math.max(options.seed(), atStart));
        List<Checkpoint> checkpoints = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seed-progress");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0, System.nanoTime()};
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long done = newApplications.sum();
            out.printf("  %s: +%d this run (%.1f/s over the last %.0f s), retried %d, failed %d%s%n",
                    ZonedDateTime.now(ZoneOffset.UTC).toLocalTime().withNano(0), done,
                    (done - last[0]) / ((now - last[1]) / 1e9), (now - last[1]) / 1e9, retries.sum(), failures.sum(),
                    statuses.isEmpty() ? "" : " (" + statusText() + ")");
            last[0] = done;
            last[1] = now;
            flushLog();
        }, 10, 10, TimeUnit.SECONDS);
        try {
            for (long target : targets) {
                if (timeUp) {
                    break;
                }
                long have = count(null);
                long before = newApplications.sum();
                long t0 = System.nanoTime();
                if (target > have) {
                    out.printf("seeding from %d to %d ...%n", have, target);
                    seedSegment(target - have);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long seeded = newApplications.sum() - before;
                flushLog();
                if (timeUp) {
                    notes.add("seeding stopped by --seed-for at " + count(null) + " applications");
                    out.println(notes.get(notes.size() - 1));
                }
                if (giveUp) {
                    notes.add("seeding stopped at " + count(null) + ": " + MAX_FAILURES_IN_A_ROW
                            + " applications failed in a row (" + statusText() + ")");
                    out.println(notes.get(notes.size() - 1));
                }
                Checkpoint c = checkpoint(seeded, seconds);
                checkpoints.add(c);
                SeedResults results = new SeedResults(runId, options.label(), startedAt.toString(),
                        Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
                        options.callId(), optionsMap(), atStart, checkpoints, notes);
                write(results, stem);
                if (giveUp) {
                    break;
                }
            }
        } finally {
            ticker.shutdownNow();
            flushLog();
            ackedLog.close();
        }
        String md = markdown(checkpoints);
        out.println();
        out.print(md);
        out.println("Results: " + projectRoot.relativize(stem.resolveSibling(stem.getFileName() + ".json"))
                + " (and .md)");
    }

    /** Creates and submits {@code need} new applications with {@code concurrency} workers. */
    private void seedSegment(long need) throws InterruptedException {
        AtomicLong reserved = new AtomicLong();
        AtomicLong paced = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "seed");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            running.add(workers.submit(() -> {
                while (!giveUp) {
                    if (System.nanoTime() > deadlineNanos) {
                        timeUp = true;
                        return;
                    }
                    if (reserved.incrementAndGet() > need) {
                        return;
                    }
                    if (options.seedRate() > 0) {
                        sleepUntil(t0 + Math.round(paced.getAndIncrement() * 1e9 / options.seedRate()));
                    }
                    Outcome o;
                    do {
                        o = one(nextIndex.getAndIncrement());
                    } while (o == Outcome.EXISTED && !giveUp);
                    if (o == Outcome.NEW) {
                        newApplications.increment();
                        failuresInARow.set(0);
                    } else {
                        reserved.decrementAndGet();
                        if (o == Outcome.FAILED) {
                            failures.increment();
                            if (failuresInARow.incrementAndGet() >= MAX_FAILURES_IN_A_ROW) {
                                giveUp = true;
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                notes.add("a seeding worker failed: " + e.getCause());
                giveUp = true;
            }
        }
        workers.shutdown();
    }

    /**
     * The organisation's contact (附件6), by phone only: submission requires one. Posting the same details again
     * returns the contact already stored, so a rerun adds none.
     */
    private boolean contact(String code, long n) {
        Map<String, Object> contact = seedContact(n);
        for (int attempt = 1; ; attempt++) {
            Http.Answer a = http.call(http.post(contacts + "/api/organizations/" + code + "/contacts", adminToken,
                    contact));
            count("contact", a.status());
            if (a.ok()) {
                return true;
            }
            if (!retry(a, attempt)) {
                return false;
            }
        }
    }

    /** The seeded organisations' contact: reachable by phone only, so that notification-service mails nothing. */
    static Map<String, Object> seedContact(long n) {
        Map<String, Object> contact = new java.util.LinkedHashMap<>(Forms.contact(n));
        contact.remove("email");
        contact.put("channels", java.util.List.of("SMS"));
        return contact;
    }

    /**
     * A submission refused only because application-service has not yet read the organisation's new contact from
     * the contact topic (422 naming {@code contacts}): worth asking again shortly.
     */
    static boolean waitsForContact(Http.Answer a) {
        return a.status().equals("422") && a.body() != null && a.body().contains("\"contacts\"");
    }

    /** Index {@code i}: create (3 POINT : 1 ZONE) and submit; a 409 means it exists (from an earlier run). */
    private Outcome one(long i) {
        String code = codes.code(i);
        if (i < contactsFrom + CONTACT_LEAD && !contact(code, i)) {
            return Outcome.FAILED;
        }
        // the organisation CONTACT_LEAD places further on names its contact now (a failure shows at its submission,
        // which names it again)
        contact(codes.code(i + CONTACT_LEAD), i + CONTACT_LEAD);
        boolean zone = i % 4 == 3;
        Object form = zone ? Forms.zone(options.callId(), code, i, today) : Forms.point(options.callId(), code, i, today);
        boolean uncertain = false;
        boolean ours = false;
        String id = null;
        for (int attempt = 1; id == null; attempt++) {
            Http.Answer a = http.call(http.post(app + "/api/applications", adminToken, form));
            count("create", a.status());
            if (a.ok()) {
                id = Http.parse(a.body()).path("id").asText();
                ours = true;
                ack(id, code, "DRAFT");
            } else if (a.status().equals("409")) {
                Optional<JsonNode> found = lookup(code);
                if (found.isEmpty()) {
                    return Outcome.FAILED;
                }
                id = found.get().path("id").asText();
                if (!found.get().path("status").asText().equals("DRAFT")) {
                    return uncertain ? Outcome.NEW : Outcome.EXISTED;
                }
                ours = uncertain;
                ack(id, code, "DRAFT");
            } else if (!retry(a, attempt)) {
                return Outcome.FAILED;
            } else {
                uncertain |= !a.status().equals("429");
            }
        }
        for (int attempt = 1; ; attempt++) {
            Http.Answer s = http.call(http.post(app + "/api/applications/" + id + "/submit", adminToken, null));
            count("submit", s.status());
            if (s.ok()) {
                ack(id, code, "SUBMITTED");
                ids.add(id);
                return ours ? Outcome.NEW : Outcome.EXISTED;
            }
            if (waitsForContact(s) && attempt < 120 && !giveUp) {
                retries.increment();
                if (attempt == 8) {
                    contact(code, i); // named ahead, but not arrived after seconds: name it again (idempotent)
                }
                sleepUntil(System.nanoTime() + Math.min(2_000, 250L * attempt) * 1_000_000);
                continue;
            }
            if (s.status().equals("409") || s.status().equals("422")) {
                Http.Answer g = http.call(http.get(app + "/api/applications/" + id, adminToken));
                if (g.ok() && !Http.parse(g.body()).path("status").asText().equals("DRAFT")) {
                    ack(id, code, "SUBMITTED");
                    ids.add(id);
                    return ours ? Outcome.NEW : Outcome.EXISTED;
                }
                return Outcome.FAILED;
            }
            if (!retry(s, attempt)) {
                return Outcome.FAILED;
            }
        }
    }

    /** Waits before another attempt when the answer is one to retry and attempts are left; false otherwise. */
    private boolean retry(Http.Answer a, int attempt) {
        boolean retriable = a.status().equals("429") || a.status().startsWith("5") || a.status().equals(Workload.TIMEOUT)
                || a.status().equals(Workload.IO_ERROR);
        if (!retriable || attempt >= MAX_ATTEMPTS || giveUp) {
            return false;
        }
        retries.increment();
        long millis = Math.min(10_000, 500L << Math.min(attempt - 1, 5));
        if (a.retryAfter() != null) {
            try {
                millis = Math.max(100, Math.min(30_000, Long.parseLong(a.retryAfter().trim()) * 1000));
            } catch (NumberFormatException e) {
                // an HTTP date: keep the back-off
            }
        }
        millis += ThreadLocalRandom.current().nextLong(Math.max(1, millis / 4));
        sleepUntil(System.nanoTime() + millis * 1_000_000);
        return true;
    }

    private Optional<JsonNode> lookup(String code) {
        Http.Answer a = http.call(http.get(app + "/api/applications?callId=" + enc(options.callId()) + "&creditCode="
                + code + "&size=1", adminToken));
        JsonNode items = Http.parse(a.body()).path("items");
        return a.ok() && items.size() > 0 ? Optional.of(items.get(0)) : Optional.empty();
    }

    /** Drafts an interrupted run left behind: submitted first, so the call holds only submitted applications. */
    private void submitLeftDrafts() {
        long drafts = count("DRAFT");
        if (drafts == 0) {
            return;
        }
        out.printf("submitting %d drafts left by an earlier run ...%n", drafts);
        for (int round = 0; round < 1_000 && count("DRAFT") > 0; round++) {
            Http.Answer page = http.call(http.get(app + "/api/applications?callId=" + enc(options.callId())
                    + "&status=DRAFT&page=0&size=100", adminToken));
            for (JsonNode item : Http.parse(page.body()).path("items")) {
                String id = item.path("id").asText();
                contact(item.path("creditCode").asText(), 0);
                Http.Answer s = http.call(http.post(app + "/api/applications/" + id + "/submit", adminToken, null));
                count("submit", s.status());
                if (s.ok()) {
                    ack(id, item.path("creditCode").asText(), "SUBMITTED");
                    ids.add(id);
                }
            }
        }
    }

    /** Applications of the call (with this status, or all); -1 when the count could not be read. */
    private long count(String status) {
        Http.Answer a = http.call(http.get(app + "/api/applications?callId=" + enc(options.callId()) + "&size=1"
                + (status == null ? "" : "&status=" + status), adminToken));
        return a.ok() ? Http.parse(a.body()).path("totalElements").asLong(-1) : -1;
    }

    private void prepareCall() throws InterruptedException {
        Http.Answer existing = http.call(http.get(app + "/api/calls/" + options.callId(), adminToken));
        if (existing.status().equals("404")) {
            Http.Answer created = http.call(http.post(app + "/api/calls", adminToken, Forms.openCall(options.callId())));
            if (!created.ok()) {
                throw new IllegalStateException("Could not create the call " + options.callId() + ": "
                        + created.status() + " " + created.body());
            }
        } else if (!existing.ok()) {
            throw new IllegalStateException("Cannot read the call " + options.callId() + ": " + existing.status() + " "
                    + existing.body());
        }
        if (existing.ok()) {
            return;
        }
        // a new call: scoring-service learns of it from its event; its (empty) ranking answers once it has
        String scoring = stack.service("scoring-service");
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!http.call(http.get(scoring + "/api/rankings?callId=" + options.callId() + "&type=ZONE",
                reviewerToken)).ok()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("scoring-service does not know the call " + options.callId()
                        + " after 60 s");
            }
            Thread.sleep(500);
        }
    }

    /** Pauses, waits for scoring, measures idle CPU, RSS, file size and reads holding this many. */
    private Checkpoint checkpoint(long seeded, double seedSeconds) throws InterruptedException {
        long applications = count(null);
        out.printf("checkpoint at %d applications: waiting for scoring to catch up ...%n", applications);
        long t0 = System.nanoTime();
        long until = t0 + options.scoreWait().toNanos();
        long unscored = count("SUBMITTED");
        long lastChange = System.nanoTime();
        while (unscored != 0 && System.nanoTime() < until && System.nanoTime() - lastChange < 60_000_000_000L) {
            Thread.sleep(2_000);
            long now = count("SUBMITTED");
            if (now != unscored) {
                lastChange = System.nanoTime();
            }
            unscored = now;
        }
        double catchUp = (System.nanoTime() - t0) / 1e9;
        long scored = count("SCORED");
        out.printf("  %d scored, %d submitted but not scored (after %.0f s); idle CPU over %d s ...%n", scored,
                unscored, catchUp, options.idle().toSeconds());
        // the first window right after the load; then, while the database is still busy (its compactor rewriting
        // what the load left behind), further windows until it is quiet or --settle has passed
        long settleStart = System.nanoTime();
        Map<String, Double> first = idleWindow();
        Map<String, Double> idle = first;
        while (idle.getOrDefault("mongo", 0.0) > SETTLED_PERCENT
                && System.nanoTime() - settleStart < options.settle().toNanos()) {
            out.printf("  database %.1f %% of a core; measuring again ...%n", idle.get("mongo"));
            idle = idleWindow();
        }
        double settled = idle == first ? 0
                : (System.nanoTime() - settleStart) / 1e9 - options.idle().toSeconds();
        double idleSeconds = options.idle().toSeconds();
        Map<String, Long> rss = new LinkedHashMap<>();
        stack.pids().forEach((part, pid) -> rssMiB(pid).ifPresent(v -> rss.put(part, v)));
        long fileBytes = fileSize(dataDir.resolve("mongo").resolve("tsbase.mv"));
        out.printf("  idle CPU %% of a core: %s; RSS MiB: %s; database file %.1f MiB%n", idle, rss,
                fileBytes / 1048576.0);
        List<Results.WorkloadResult> reads = reads(true, scored);
        List<Results.WorkloadResult> direct = reads(false, scored);
        Map<String, Long> seedStatuses = new TreeMap<>();
        statuses.forEach((k, v) -> seedStatuses.put(k, v.sum()));
        return new Checkpoint(applications, ZonedDateTime.now(ZoneOffset.UTC).toString(), seeded,
                Math.round(seedSeconds * 10) / 10.0, seedSeconds > 0 ? Math.round(seeded / seedSeconds * 10) / 10.0 : 0,
                seedStatuses, unscored, scored, Math.round(catchUp * 10) / 10.0, Math.round(idleSeconds * 10) / 10.0,
                idle, rss, fileBytes, applications > 0 ? fileBytes / applications : 0, options.readRate(),
                options.rankingRate(), reads, direct, first, Math.round(settled));
    }

    /** Below this share of a core, the database counts as quiet after a load. */
    static final double SETTLED_PERCENT = 5;

    /** CPU of each process over {@code --idle} with no load, % of one core. */
    private Map<String, Double> idleWindow() throws InterruptedException {
        Map<String, Long> cpu0 = ProcessCpu.snapshot(stack.pids());
        long i0 = System.nanoTime();
        Thread.sleep(options.idle().toMillis());
        Map<String, Long> cpu1 = ProcessCpu.snapshot(stack.pids());
        double seconds = (System.nanoTime() - i0) / 1e9;
        Map<String, Double> idle = new LinkedHashMap<>();
        cpu1.forEach((part, ms) -> {
            Long before = cpu0.get(part);
            if (before != null) {
                idle.put(part, Math.round((ms - before) / (seconds * 1000) * 1000) / 10.0);
            }
        });
        return idle;
    }

    /**
     * Reads through the gateway or directly at application-service and scoring-service, one kind after the other (so
     * a slow kind does not hold up the others), each an open model for {@code --read-duration}: by id, a list page
     * and a score at {@code --read-rate}, the ranking at {@code --ranking-rate}. Scores are read of the applications
     * acknowledged first, as many as are scored.
     */
    private List<Results.WorkloadResult> reads(boolean viaGateway, long scored) throws InterruptedException {
        List<String> sample;
        synchronized (ids) {
            sample = new ArrayList<>(ids);
        }
        if (sample.isEmpty()) {
            Http.Answer page = http.call(http.get(app + "/api/applications?callId=" + enc(options.callId())
                    + "&size=100", adminToken));
            Http.parse(page.body()).path("items").forEach(i -> sample.add(i.path("id").asText()));
            notes.add("reads by id and score used the newest 100 applications (no acknowledged log)");
        }
        List<String> scoredSample = sample.subList(0, (int) Math.max(1, Math.min(sample.size(), scored)));
        String apps = viaGateway ? stack.gateway() : app;
        String scoring = viaGateway ? stack.gateway() : stack.service("scoring-service");
        List<Results.WorkloadResult> results = new ArrayList<>();
        for (int k = 0; k < READS.size(); k++) {
            String kind = READS.get(k);
            int rate = k == 2 ? options.rankingRate() : options.readRate();
            if (rate == 0) {
                continue;
            }
            Workload w = new Workload(kind);
            long t0 = System.nanoTime() + 100_000_000L;
            ArrivalSchedule schedule = ArrivalSchedule.of(t0, rate, options.readDuration());
            Semaphore permits = new Semaphore(64);
            for (long i = 0; i < schedule.count(); i++) {
                long due = schedule.intendedNanos(i);
                sleepUntil(due);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String url = switch (k) {
                    case 0 -> apps + "/api/applications/" + (sample.isEmpty() ? "none"
                            : sample.get(random.nextInt(sample.size())));
                    case 1 -> apps + "/api/applications?callId=" + enc(options.callId()) + "&page=" + random.nextInt(5)
                            + "&size=20";
                    case 2 -> scoring + "/api/rankings?callId=" + enc(options.callId()) + "&type="
                            + (i % 4 == 3 ? "ZONE" : "POINT");
                    default -> scoring + "/api/scores/" + (scoredSample.isEmpty() ? "none"
                            : scoredSample.get(random.nextInt(scoredSample.size())));
                };
                permits.acquire();
                http.get(url, reviewerToken).whenComplete((a, e) -> {
                    w.record(a == null ? Workload.IO_ERROR : a.status(), due, System.nanoTime());
                    permits.release();
                });
            }
            permits.acquire(64);
            Results.WorkloadResult r = w.result(options.readDuration().toMillis() / 1000.0);
            out.printf("  %s %-16s %d/s: p50 %s ms, p99 %s ms, max %s ms (%s)%n", viaGateway ? "gateway" : "direct ",
                    kind, rate, Results.num(r.p50()), Results.num(r.p99()), Results.num(r.max()),
                    Results.statuses(r.statuses()));
            results.add(r);
        }
        return results;
    }

    /** {@code --verify-acked}: every application of the log must be readable, and submitted if it was acknowledged so. */
    private void verify(Path log) throws InterruptedException {
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split(" ");
                if (f.length == 3) {
                    expected.merge(f[0], f[2], (a, b) -> a.equals("SUBMITTED") ? a : b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
        out.printf("verifying %d acknowledged applications of %s directly at %s ...%n", expected.size(), log, app);
        Map<String, LongAdder> found = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        Semaphore permits = new Semaphore(options.concurrency());
        long t0 = System.nanoTime();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            permits.acquire();
            http.get(app + "/api/applications/" + e.getKey(), adminToken).whenComplete((a, x) -> {
                String result;
                if (a == null || !a.ok()) {
                    result = "unreadable " + (a == null ? Workload.IO_ERROR : a.status());
                } else {
                    String status = Http.parse(a.body()).path("status").asText();
                    result = e.getValue().equals("SUBMITTED") && status.equals("DRAFT") ? "acknowledged SUBMITTED, now DRAFT"
                            : "ok";
                }
                found.computeIfAbsent(result, k -> new LongAdder()).increment();
                if (!result.equals("ok") && problems.size() < 20) {
                    problems.add(e.getKey() + ": " + result);
                }
                permits.release();
            });
        }
        permits.acquire(options.concurrency());
        Map<String, Long> summary = new TreeMap<>();
        found.forEach((k, v) -> summary.put(k, v.sum()));
        out.printf("verified %d in %.1f s: %s%n", expected.size(), (System.nanoTime() - t0) / 1e9, summary);
        problems.forEach(p -> out.println("  " + p));
        out.printf("the call %s holds %d applications (%d submitted, %d scored)%n", options.callId(), count(null),
                count("SUBMITTED"), count("SCORED"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("acknowledged applications missing or changed: " + summary);
        }
    }

    /**
     * {@code 0.40}; {@code 85.0 → 0.40 after 120 s} when the database was busy right after the load and then quiet;
     * {@code 93.5, still 94.6 after 30 s more} when it was still busy at the end of {@code --settle}.
     */
    static String idleCpu(Checkpoint c) {
        Optional<String> last = Optional.ofNullable(c.idleCpuPercentOfOneCore().get("mongo")).map(Results::num);
        Optional<String> first = Optional.ofNullable(c.firstIdleCpuPercentOfOneCore())
                .map(m -> m.get("mongo")).map(Results::num);
        if (first.isPresent() && c.idleSettledAfterSeconds() > 0) {
            boolean settled = c.idleCpuPercentOfOneCore().getOrDefault("mongo", 0.0) <= SETTLED_PERCENT;
            return first.get() + (settled ? " → " : ", still ") + last.orElse("–") + " after "
                    + Math.round(c.idleSettledAfterSeconds()) + " s" + (settled ? "" : " more");
        }
        return last.orElse("–");
    }

    static String markdown(List<Checkpoint> checkpoints) {
        StringBuilder md = new StringBuilder();
        md.append("| applications in the call | measured (UTC) | seeding rate (new/s) | scored / not yet | database file MiB |"
                + " bytes per application | database RSS MiB | database idle CPU (% of a core) |");
        READS.forEach(r -> md.append(' ').append(r).append(" p50 / p99 ms, gateway; direct |"));
        md.append(" read statuses |\n|");
        md.append("---|".repeat(8 + READS.size() + 1)).append('\n');
        for (Checkpoint c : checkpoints) {
            md.append("| ").append(c.applications()).append(" | ").append(c.measuredAt(), 0, 16).append(" | ")
                    .append(Results.num(c.seedApplicationsPerSecond())).append(" | ").append(c.scored()).append(" / ")
                    .append(c.submittedNotScored()).append(" | ")
                    .append(Results.num(c.dataFileBytes() / 1048576.0)).append(" | ")
                    .append(c.dataFileBytesPerApplication()).append(" | ")
                    .append(Optional.ofNullable(c.rssMiB().get("mongo")).map(String::valueOf).orElse("–")).append(" | ")
                    .append(idleCpu(c)).append(" |");
            Map<String, Long> readStatuses = new TreeMap<>();
            for (String r : READS) {
                Optional<Results.WorkloadResult> w = c.reads().stream().filter(x -> x.name().equals(r)).findFirst();
                Optional<Results.WorkloadResult> d = c.readsDirect() == null ? Optional.empty()
                        : c.readsDirect().stream().filter(x -> x.name().equals(r)).findFirst();
                md.append(' ').append(w.map(x -> Results.num(x.p50()) + " / " + Results.num(x.p99())).orElse("–"))
                        .append("; ").append(d.map(x -> Results.num(x.p50()) + " / " + Results.num(x.p99())).orElse("–"))
                        .append(" |");
                w.ifPresent(x -> x.statuses().forEach((s, n) -> readStatuses.merge(s, n, Long::sum)));
                d.ifPresent(x -> x.statuses().forEach((s, n) -> readStatuses.merge(s, n, Long::sum)));
            }
            md.append(' ').append(Results.statuses(readStatuses)).append(" |\n");
        }
        return md.toString();
    }

    private void write(SeedResults results, Path stem) {
        Path json = stem.resolveSibling(stem.getFileName() + ".json");
        try {
            Files.createDirectories(json.getParent());
            Results.json().writeValue(json.toFile(), results);
            Files.writeString(stem.resolveSibling(stem.getFileName() + ".md"), markdown(results.checkpoints()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + json, e);
        }
    }

    private Map<String, Object> optionsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", options.seed());
        m.put("seedRate", options.seedRate());
        m.put("concurrency", options.concurrency());
        options.seedFor().ifPresent(d -> m.put("seedForSeconds", d.toSeconds()));
        m.put("checkpoints", options.checkpoints());
        m.put("readRate", options.readRate());
        m.put("rankingRate", options.rankingRate());
        m.put("readSeconds", options.readDuration().toSeconds());
        m.put("idleSeconds", options.idle().toSeconds());
        m.put("settleSeconds", options.settle().toSeconds());
        return m;
    }

    private void loadIds(Path log) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.map(l -> l.split(" ")).filter(f -> f.length == 3 && f[2].equals("SUBMITTED")).forEach(f -> ids.add(f[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    private void ack(String id, String code, String status) {
        synchronized (this) {
            try {
                ackedLog.write(id + " " + code + " " + status + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private synchronized void flushLog() {
        try {
            if (ackedLog != null) {
                ackedLog.flush();
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    private void count(String step, String status) {
        if (!status.startsWith("2")) {
            statuses.computeIfAbsent(step + " " + status, s -> new LongAdder()).increment();
        }
    }

    private String statusText() {
        Map<String, Long> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.sum()));
        return Results.statuses(m);
    }

    static Optional<Long> rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return Optional.empty();
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
}
