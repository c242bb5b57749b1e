package org.tsbase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The options of {@code ./tsbase bench --seed N} (fill one call with N submitted applications, measuring the stack at
 * checkpoints on the way) and {@code ./tsbase bench --verify-acked FILE} (check that every acknowledged application
 * of a seeding is still there, e.g. after a {@code kill -9}).
 *
 * @param seed          the number of applications the call should hold when done (what it holds already counts)
 * @param seedRate      new applications per second at most; 0: as fast as the stack takes them
 * @param concurrency   applications being created and submitted at once
 * @param callId        the call to fill; created (open now) when it does not exist
 * @param checkpoints   call sizes at which seeding pauses for measurements; the end is always one
 * @param readRate      reads per second at a checkpoint, of each kind in turn: by id, list page, score
 * @param rankingRate   rankings per second at a checkpoint
 * @param readDuration  how long each kind of read is measured at a checkpoint
 * @param idle          the window over which idle CPU is measured at a checkpoint, with no load
 * @param settle        while the database is still busy after the load, how long to go on measuring idle windows
 * @param scoreWait     at a checkpoint, how long to wait at most for scoring to catch up
 * @param ackedLog      where every acknowledged application is appended ({@code id creditCode status}); empty: the
 *                      default {@code <data-dir>/seed-<call>-acked.txt}
 * @param verifyAcked   instead of seeding, read every application of this acknowledged-log
 * @param seedFor       stop seeding after this long (then measure at the size reached); empty: until N
 */
public record SeedOptions(
        Path dataDir,
        long seed,
        int seedRate,
        int concurrency,
        String callId,
        List<Long> checkpoints,
        int readRate,
        int rankingRate,
        Duration readDuration,
        Duration idle,
        Duration settle,
        Duration scoreWait,
        String label,
        Optional<Path> outDir,
        Optional<Path> ackedLog,
        Optional<Path> verifyAcked,
        Optional<Duration> seedFor,
        Duration timeout) {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,60}");
    private static final Pattern CALL_ID = Pattern.compile("[a-z0-9-]{3,40}");

    /** True when the command line asks for seeding or verifying rather than a burst. */
    static boolean wanted(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--seed") || a.startsWith("--seed=")
                || a.equals("--verify-acked") || a.startsWith("--verify-acked="));
    }

    static SeedOptions defaults() {
        return new SeedOptions(Path.of("data"), 0, 0, 16, "capacity", List.of(10_000L, 50_000L), 20, 1,
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5), "capacity", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
    }

    /** The acknowledged-log of this call in this data folder. */
    Path ackedLogIn(Path resolvedDataDir) {
        return ackedLog.orElse(resolvedDataDir.resolve("seed-" + callId + "-acked.txt"));
    }

    static SeedOptions parse(List<String> args, Map<String, String> env) {
        SeedOptions d = defaults();
        Path dataDir = d.dataDir;
        String envDir = env.get("TSBASE_DATA_DIR");
        if (envDir != null && !envDir.isBlank()) {
            dataDir = Path.of(envDir);
        }
        long seed = d.seed;
        int seedRate = d.seedRate;
        int concurrency = d.concurrency;
        String callId = d.callId;
        List<Long> checkpoints = d.checkpoints;
        int readRate = d.readRate;
        int rankingRate = d.rankingRate;
        Duration readDuration = d.readDuration;
        Duration idle = d.idle;
        Duration settle = d.settle;
        Duration scoreWait = d.scoreWait;
        String label = d.label;
        Optional<Path> outDir = d.outDir;
        Optional<Path> ackedLog = d.ackedLog;
        Optional<Path> verify = d.verifyAcked;
        Optional<Duration> seedFor = d.seedFor;
        Duration timeout = d.timeout;
        boolean seedGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new BenchOptions.UsageException(null);
            }
            if (value == null) {
                if (i + 1 >= args.size() || !arg.startsWith("--")) {
                    throw new BenchOptions.UsageException(arg.startsWith("--") ? arg + " needs a value"
                            : "Unknown argument '" + arg + "'");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--seed" -> {
                    seed = wholeNumber(name, value, 1);
                    seedGiven = true;
                }
                case "--seed-rate" -> seedRate = (int) wholeNumber(name, value, 0);
                case "--seed-concurrency" -> concurrency = (int) wholeNumber(name, value, 1);
                case "--call" -> {
                    if (!CALL_ID.matcher(value).matches()) {
                        throw new BenchOptions.UsageException("--call takes a call id ([a-z0-9-]{3,40}), not '"
                                + value + "'");
                    }
                    callId = value;
                }
                case "--checkpoints" -> checkpoints = checkpoints(value);
                case "--read-rate" -> readRate = (int) wholeNumber(name, value, 0);
                case "--ranking-rate" -> rankingRate = (int) wholeNumber(name, value, 0);
                case "--read-duration" -> readDuration = BenchOptions.duration(name, value);
                case "--idle" -> idle = BenchOptions.duration(name, value);
                case "--settle" -> settle = BenchOptions.duration(name, value);
                case "--score-wait" -> scoreWait = BenchOptions.duration(name, value);
                case "--label" -> {
                    if (!LABEL.matcher(value).matches()) {
                        throw new BenchOptions.UsageException("--label takes letters, digits, '.', '_' or '-', not '"
                                + value + "'");
                    }
                    label = value;
                }
                case "--out" -> outDir = Optional.of(Path.of(value));
                case "--acked-log" -> ackedLog = Optional.of(Path.of(value));
                case "--verify-acked" -> verify = Optional.of(Path.of(value));
                case "--seed-for" -> seedFor = Optional.of(BenchOptions.duration(name, value));
                case "--timeout" -> timeout = BenchOptions.duration(name, value);
                default -> throw new BenchOptions.UsageException("Unknown option '" + name
                        + "' (with --seed or --verify-acked, see the seeding options in ./tsbase bench --help)");
            }
        }
        if (seedGiven && verify.isPresent()) {
            throw new BenchOptions.UsageException("--seed and --verify-acked are two runs: give one of them");
        }
        return new SeedOptions(dataDir, seed, seedRate, concurrency, callId, checkpoints, readRate, rankingRate,
                readDuration, idle, settle, scoreWait, label, outDir, ackedLog, verify, seedFor, timeout);
    }

    /** {@code 10000,50000} (sorted, distinct), or {@code none}. */
    static List<Long> checkpoints(String text) {
        if (text.equals("none")) {
            return List.of();
        }
        TreeSet<Long> set = new TreeSet<>();
        for (String part : text.split(",")) {
            set.add(wholeNumber("--checkpoints", part.trim(), 1));
        }
        return new ArrayList<>(set);
    }

    private static long wholeNumber(String name, String text, long min) {
        try {
            long n = Long.parseLong(text.trim().replace("_", ""));
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BenchOptions.UsageException(name + " takes a whole number of at least " + min + ", not '" + text
                + "'");
    }

    static String usage() {
        return """

                Filling a call (capacity of a stack):
                  ./tsbase bench --seed N [--call ID] [--seed-rate N] ...
                  stores N complete, submitted applications (3 示范点 : 1 示范区, distinct valid credit codes fixed by
                  the call id and an index) in one call, directly at application-service (ports from stack.json),
                  as ADMIN, as fast as it takes them; 429 and 503 are retried after Retry-After. Each
                  organisation names one contact reachable by phone only (附件6 is required at submission), 2,000
                  organisations ahead of its submission (as contacts are named days before a deadline), so
                  notification-service sends no mail (the local mail server keeps every mail in memory). Stop it any time and start it again: it submits drafts left behind
                  and goes on from the number the call holds. At each checkpoint and at the end it pauses, waits for
                  scoring to catch up, and measures the database's idle CPU, RSS and file size, the applications
                  scored, and reads through the gateway; results go to bench/results/<date>-<label>.json (and .md).
                  --seed N              applications the call holds when done
                  --call ID             the call to fill (default: capacity; created open when missing)
                  --seed-rate N         new applications per second at most (default 0: as fast as taken)
                  --seed-concurrency 16 applications in progress at once
                  --seed-for 50m        stop seeding after this long and measure at the size reached
                  --checkpoints 10000,50000   sizes at which to pause and measure (none: only at the end)
                  --read-rate 20        reads by id, list pages and scores per second at a checkpoint, each
                                        kind in turn for --read-duration 15s, through the gateway then directly
                  --ranking-rate 1      rankings per second at a checkpoint
                  --idle 30s            window for the idle CPU of each process
                  --settle 10m          while the database uses more than 5 % of a core after the load (its
                                        compactor at work), measure further windows, up to this long
                  --score-wait 5m       longest wait for scoring to catch up at a checkpoint
                  --label capacity      results go to bench/results/<date>-<label>.json
                  --acked-log FILE      every acknowledged application is appended here (default:
                                        <data-dir>/seed-<call>-acked.txt)
                  --verify-acked FILE   instead of seeding: read every application of that log (directly) and
                                        report any missing or no longer submitted
                """;
    }
}
