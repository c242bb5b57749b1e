package org.tsbase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code ./tsbase bench}.
 *
 * @param duration     length of each burst phase (one through the gateway, one direct)
 * @param rate         applicants per second in each burst phase (each does contact, create, submit)
 * @param readRate     reads per second during each burst phase (by id, list page, ranking, score in turn)
 * @param findMax      step the rate up (through the gateway, then direct) until a step is not clean, then run the
 *                     bursts at half of the gateway's highest clean rate
 * @param stepDuration length of one find-max step
 * @param maxP99       a find-max step whose whole-flow p99 exceeds this is not clean
 * @param callId       the call to apply to; empty: a fresh call per run, created as ADMIN
 * @param label        the results file is {@code <date>-<label>.json}
 * @param outDir       where results go (default {@code bench/results})
 * @param scoreWait    how long to wait after the bursts for the last scores
 * @param maxInFlight  flows in flight at most; later arrivals wait (their latency still counts from their
 *                     intended time)
 * @param timeout      per-request timeout; a timeout is counted, never retried
 */
public record BenchOptions(
        Path dataDir,
        Duration duration,
        Duration warmup,
        int rate,
        int readRate,
        boolean profile,
        boolean findMax,
        int findMaxStart,
        double findMaxFactor,
        Duration stepDuration,
        Duration maxP99,
        boolean replay,
        Optional<String> callId,
        String label,
        Optional<Path> outDir,
        Duration scoreWait,
        int maxInFlight,
        Duration timeout) {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m)");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,60}");
    private static final Pattern CALL_ID = Pattern.compile("[a-z0-9-]{3,40}");

    public static BenchOptions defaults() {
        return new BenchOptions(Path.of("data"), Duration.ofSeconds(30), Duration.ofSeconds(10), 20, -1, false, false,
                10, 1.25, Duration.ofSeconds(6), Duration.ofSeconds(1), true, Optional.empty(), "run", Optional.empty(),
                Duration.ofSeconds(60), 256, Duration.ofSeconds(30));
    }

    /** Reads per second: as given, or as many as applicants. */
    public int effectiveReadRate() {
        return readRate < 0 ? rate : readRate;
    }

    public static BenchOptions parse(List<String> args, java.util.Map<String, String> env) {
        BenchOptions o = defaults();
        String envDir = env.get("TSBASE_DATA_DIR");
        if (envDir != null && !envDir.isBlank()) {
            o = o.withDataDir(Path.of(envDir));
        }
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--profile" -> o = o.with(b -> b.profile = true);
                case "--find-max" -> o = o.with(b -> b.findMax = true);
                case "--no-replay" -> o = o.with(b -> b.replay = false);
                case "--help", "-h" -> throw new UsageException(null);
                default -> {
                    if (value == null) {
                        if (i + 1 >= rest.size() || !arg.startsWith("--")) {
                            throw new UsageException(arg.startsWith("--") ? arg + " needs a value" : "Unknown argument '" + arg + "'");
                        }
                        value = rest.get(++i);
                    }
                    o = option(o, name, value);
                }
            }
        }
        return o;
    }

    private static BenchOptions option(BenchOptions o, String name, String value) {
        return switch (name) {
            case "--data-dir" -> o.withDataDir(Path.of(value));
            case "--duration" -> o.with(b -> b.duration = duration(name, value));
            case "--warmup" -> {
                Duration w = value.trim().matches("0+(ms|s|m|h)?") ? Duration.ZERO : duration(name, value);
                yield o.with(b -> b.warmup = w);
            }
            case "--rate" -> o.with(b -> b.rate = positive(name, value));
            case "--read-rate" -> {
                int r = value.equals("0") ? 0 : positive(name, value);
                yield o.with(b -> b.readRate = r);
            }
            case "--find-max-start" -> o.with(b -> b.findMaxStart = positive(name, value));
            case "--find-max-factor" -> {
                double f;
                try {
                    f = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    f = 0;
                }
                if (!(f > 1 && f <= 4)) {
                    throw new UsageException("--find-max-factor takes a number above 1 and at most 4, not '" + value + "'");
                }
                double factor = f;
                yield o.with(b -> b.findMaxFactor = factor);
            }
            case "--step-duration" -> o.with(b -> b.stepDuration = duration(name, value));
            case "--max-p99" -> o.with(b -> b.maxP99 = duration(name, value));
            case "--call" -> {
                if (!CALL_ID.matcher(value).matches()) {
                    throw new UsageException("--call takes a call id ([a-z0-9-]{3,40}), not '" + value + "'");
                }
                yield o.with(b -> b.callId = Optional.of(value));
            }
            case "--label" -> {
                if (!LABEL.matcher(value).matches()) {
                    throw new UsageException("--label takes letters, digits, '.', '_' or '-', not '" + value + "'");
                }
                yield o.with(b -> b.label = value);
            }
            case "--out" -> o.with(b -> b.outDir = Optional.of(Path.of(value)));
            case "--score-wait" -> o.with(b -> b.scoreWait = duration(name, value));
            case "--max-in-flight" -> o.with(b -> b.maxInFlight = positive(name, value));
            case "--timeout" -> o.with(b -> b.timeout = duration(name, value));
            default -> throw new UsageException("Unknown option '" + name + "'");
        };
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1m30s}, or a number of seconds. */
    static Duration duration(String name, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+")) {
            return positive(name, Duration.ofSeconds(Long.parseLong(value)), text);
        }
        Matcher m = SIMPLE_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long amount = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            });
            end = m.end();
        }
        if (end == 0 || end != value.length()) {
            throw new UsageException(name + ": cannot read the duration '" + text + "' (e.g. 30s, 2m, 500ms)");
        }
        return positive(name, total, text);
    }

    private static Duration positive(String name, Duration d, String text) {
        if (d.isZero()) {
            throw new UsageException(name + " must be positive, not '" + text + "'");
        }
        return d;
    }

    private static int positive(String name, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(name + " takes a positive whole number, not '" + text + "'");
    }

    private BenchOptions withDataDir(Path dir) {
        return with(b -> b.dataDir = dir);
    }

    private BenchOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    public static String usage() {
        return """
                Usage: ./tsbase bench [options]     against a running stack (./tsbase up)
                  --data-dir DIR        the stack's data folder, for stack.json and keys (default ./data)
                  --rate N              applicants per second in each burst (default 20); each names a contact,
                                        creates a complete POINT or ZONE application and submits it
                  --duration 30s        length of each burst: one through the gateway, then one directly at
                                        application-service and contact-service
                  --warmup 10s          unmeasured time at the same rate before each burst (0: none)
                  --read-rate N         reads per second during each burst (default: = --rate; 0: none)
                  --find-max            first step the rate up (each step through the gateway, then directly)
                                        until a step has an error or a p99 above --max-p99, then burst at half
                                        the gateway's highest clean rate
                  --find-max-start N    first rate of the search (default 10)
                  --find-max-factor F   rate of the next step = F x this one (default 1.25)
                  --step-duration 6s    length of one step of the search
                  --max-p99 1s          highest whole-flow p99 a clean step may have
                  --profile             record JFR profiles of the gateway and application-service during the
                                        gateway burst, saved next to the results
                  --no-replay           skip the rescoring replay and its bare harness
                  --call ID             apply to this (open) call; default: a fresh call per run
                  --label NAME          results go to bench/results/<date>-<label>.json (default: run)
                  --out DIR             another folder for the results
                  --score-wait 60s      how long to wait after the bursts for the last scores
                  --max-in-flight 256   flows in flight at most; later arrivals wait, their latency still counts
                                        from the time they were due
                  --timeout 30s         per-request timeout (counted as "timeout", never retried)
                Raise the gateway's rate limit for a benchmark:
                  TSBASE_SERVICE_JAVA_OPTS=-Dtsbase.gateway.rate-limit.requests-per-second=100000 ./tsbase up
                """ + SeedOptions.usage();
    }

    /** A command line that cannot be read; a null message asks for the usage alone. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private static final class Builder {
        Path dataDir;
        Duration duration;
        Duration warmup;
        int rate;
        int readRate;
        boolean profile;
        boolean findMax;
        int findMaxStart;
        double findMaxFactor;
        Duration stepDuration;
        Duration maxP99;
        boolean replay;
        Optional<String> callId;
        String label;
        Optional<Path> outDir;
        Duration scoreWait;
        int maxInFlight;
        Duration timeout;

        Builder(BenchOptions o) {
            dataDir = o.dataDir;
            duration = o.duration;
            warmup = o.warmup;
            rate = o.rate;
            readRate = o.readRate;
            profile = o.profile;
            findMax = o.findMax;
            findMaxStart = o.findMaxStart;
            findMaxFactor = o.findMaxFactor;
            stepDuration = o.stepDuration;
            maxP99 = o.maxP99;
            replay = o.replay;
            callId = o.callId;
            label = o.label;
            outDir = o.outDir;
            scoreWait = o.scoreWait;
            maxInFlight = o.maxInFlight;
            timeout = o.timeout;
        }

        BenchOptions build() {
            return new BenchOptions(dataDir, duration, warmup, rate, readRate, profile, findMax, findMaxStart,
                    findMaxFactor, stepDuration, maxP99, replay, callId, label, outDir, scoreWait, maxInFlight, timeout);
        }
    }
}
