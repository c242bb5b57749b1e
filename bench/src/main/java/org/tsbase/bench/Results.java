package org.tsbase.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one run measured, as written to {@code bench/results/<date>-<label>.json} and printed as Markdown. Latencies are
 * in milliseconds, throughputs in 2xx answers per second of the measured window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Results(
        String runId,
        String label,
        String startedAt,
        String machine,
        String callId,
        Map<String, Object> options,
        FindMax findMax,
        List<PhaseResult> phases,
        ReplayResult replay,
        List<String> profiles,
        Map<String, List<String>> hotMethods,
        List<String> notes) {

    static final String GATEWAY = "gateway";
    static final String DIRECT = "direct";

    /** The workloads in the order of the table. */
    static final List<String> WORKLOADS = List.of("flow", "contact", "create", "submit", "score visible",
            "read: by id", "read: list page", "read: ranking", "read: score");

    record WorkloadResult(String name, long count, long ok, double okPerSecond, double p50, double p90, double p99,
            double max, Map<String, Long> statuses, Refusals refusals) {
        WorkloadResult(String name, long count, long ok, double okPerSecond, double p50, double p90, double p99,
                double max, Map<String, Long> statuses) {
            this(name, count, ok, okPerSecond, p50, p90, p99, max, statuses, Refusals.NONE);
        }
    }

    /**
     * The answers 429 and 503 of a workload: how many, how long after sending they came (p99, max; ms), and how many
     * lacked {@code Retry-After} or a problem+json body.
     */
    record Refusals(long count, double p99, double max, long unexplained) {
        static final Refusals NONE = new Refusals(0, 0, 0, 0);
    }

    /**
     * One burst: {@code rate} applicants per second for {@code seconds} through one target.
     *
     * @param cpuMillisPerApplicant per process: CPU time it used in the measured window divided by the applicants
     *                              whose submission succeeded
     * @param scoresMissing         submissions whose score event did not arrive in time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PhaseResult(String target, int rate, double seconds, List<WorkloadResult> workloads,
            Map<String, Double> cpuMillisPerApplicant, long scoresMissing) {

        Optional<WorkloadResult> workload(String name) {
            return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
        }
    }

    record Step(String target, int rate, boolean clean, double flowP99, long failures, double okPerSecond,
            Map<String, Long> statuses) {
    }

    record FindMax(List<Step> steps, int gatewayMax, int directMax, int burstRate) {
    }

    /**
     * @param applications  submitted applications of the run's call on the topic (what both rescore)
     * @param events        records on the application topic both read
     */
    record ReplayResult(String state, long applications, long events, double replaySeconds,
            double replayApplicationsPerSecond, double harnessSeconds, double harnessApplicationsPerSecond,
            double ratio) {
    }

    Optional<PhaseResult> phase(String target) {
        return phases.stream().filter(p -> p.target().equals(target)).findFirst();
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            json().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The table for the README: gateway and direct side by side, their ratio, and the run's other ratios. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        Optional<PhaseResult> gw = phase(GATEWAY);
        Optional<PhaseResult> direct = phase(DIRECT);
        int rate = gw.or(() -> direct).map(PhaseResult::rate).orElse(0);
        double seconds = gw.or(() -> direct).map(PhaseResult::seconds).orElse(0.0);
        md.append(String.format(Locale.ROOT, "Run `%s` (%s), %s; %d applicants/s for %.0f s per target, each: "
                + "contact, create, submit.%n%n", runId, startedAt, machine, rate, seconds));
        md.append("| workload | via gateway p50 / p90 / p99 / max (ms) | gateway 2xx/s | direct p50 / p90 / p99 / max (ms)"
                + " | direct 2xx/s | p99 gateway ÷ direct | statuses gateway; direct |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String name : WORKLOADS) {
            Optional<WorkloadResult> g = gw.flatMap(p -> p.workload(name));
            Optional<WorkloadResult> d = direct.flatMap(p -> p.workload(name));
            if (g.isEmpty() && d.isEmpty()) {
                continue;
            }
            md.append("| ").append(name).append(" | ").append(g.map(Results::latencies).orElse("–"))
                    .append(" | ").append(g.map(w -> num(w.okPerSecond())).orElse("–"))
                    .append(" | ").append(d.map(Results::latencies).orElse("–"))
                    .append(" | ").append(d.map(w -> num(w.okPerSecond())).orElse("–"))
                    .append(" | ").append(ratio(g.map(WorkloadResult::p99), d.map(WorkloadResult::p99)))
                    .append(" | ").append(g.map(Results::statuses).orElse("–")).append("; ")
                    .append(d.map(Results::statuses).orElse("–")).append(" |\n");
        }
        md.append('\n');
        for (PhaseResult phase : phases) {
            refusals(phase).ifPresent(line -> md.append(line).append("\n\n"));
        }
        md.append("| ratio (same run) | via gateway | direct |\n|---|---|---|\n");
        md.append("| submit → score visible p99 ÷ submit p99 | ")
                .append(ratio(p99(gw, "score visible"), p99(gw, "submit"))).append(" | ")
                .append(ratio(p99(direct, "score visible"), p99(direct, "submit"))).append(" |\n");
        md.append("| flow p99 gateway ÷ direct | ").append(ratio(p99(gw, "flow"), p99(direct, "flow")))
                .append(" | |\n");
        if (findMax != null) {
            md.append(String.format(Locale.ROOT, "| highest clean rate (applicants/s), gateway ÷ direct | %d ÷ %d = %s | |%n",
                    findMax.gatewayMax(), findMax.directMax(),
                    ratio(Optional.of((double) findMax.gatewayMax()), Optional.of((double) findMax.directMax()))));
        }
        java.util.Set<String> processes = new java.util.TreeSet<>();
        phases.forEach(p -> processes.addAll(p.cpuMillisPerApplicant().keySet()));
        for (String process : processes) {
            md.append("| CPU ms per applicant: ").append(process).append(" | ")
                    .append(gw.map(p -> num(p.cpuMillisPerApplicant().get(process))).orElse("–")).append(" | ")
                    .append(direct.map(p -> num(p.cpuMillisPerApplicant().get(process))).orElse("–")).append(" |\n");
        }
        long missing = phases.stream().mapToLong(PhaseResult::scoresMissing).sum();
        if (missing > 0) {
            md.append("| submissions without a score event in time | ")
                    .append(gw.map(p -> String.valueOf(p.scoresMissing())).orElse("–")).append(" | ")
                    .append(direct.map(p -> String.valueOf(p.scoresMissing())).orElse("–")).append(" |\n");
        }
        if (replay != null) {
            md.append(String.format(Locale.ROOT,
                    "%nRescoring replay of %d applications (%d records on the topic): replay job %s/s in %s s, bare "
                            + "harness (consume + bulk write) %s/s in %s s, replay ÷ harness = %s (job %s).%n",
                    replay.applications(), replay.events(), num(replay.replayApplicationsPerSecond()),
                    num(replay.replaySeconds()), num(replay.harnessApplicationsPerSecond()), num(replay.harnessSeconds()),
                    num(replay.ratio()), replay.state()));
        }
        if (findMax != null) {
            md.append("\nRate search (a step is clean with only 2xx and a flow p99 within the limit): ")
                    .append(findMax.steps().stream().map(s -> String.format(Locale.ROOT, "%s %d/s %s (p99 %s ms%s)",
                            s.target(), s.rate(), s.clean() ? "clean" : "NOT clean", num(s.flowP99()),
                            s.failures() > 0 ? ", " + statuses(s.statuses()) : ""))
                            .collect(Collectors.joining("; ")))
                    .append(".\n");
        }
        if (hotMethods != null) {
            hotMethods.forEach((file, lines) -> {
                md.append("\nHottest methods (share of CPU samples, top frame) in `").append(file).append("`:\n\n```\n");
                lines.forEach(l -> md.append(l).append('\n'));
                md.append("```\n");
            });
        }
        if (notes != null && !notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /**
     * The refusals of a phase, in one line: how many requests were answered 429 or 503, how fast (the slowest
     * workload's p99 and the max, from sending), and how many of them did not say when to ask again.
     */
    static Optional<String> refusals(PhaseResult phase) {
        List<WorkloadResult> refusing = phase.workloads().stream()
                .filter(w -> w.refusals().count() > 0).toList();
        if (refusing.isEmpty()) {
            return Optional.empty();
        }
        long count = refusing.stream().mapToLong(w -> w.refusals().count()).sum();
        long unexplained = refusing.stream().mapToLong(w -> w.refusals().unexplained()).sum();
        double p99 = refusing.stream().mapToDouble(w -> w.refusals().p99()).max().orElse(0);
        double max = refusing.stream().mapToDouble(w -> w.refusals().max()).max().orElse(0);
        return Optional.of(String.format(Locale.ROOT, "Refused for now (429/503) %s: %d answers, %s ms p99 and %s ms "
                + "at most after sending (%s); %s.", phase.target().equals(GATEWAY) ? "through the gateway" : "directly",
                count, num(p99), num(max), refusing.stream().map(w -> w.name() + " " + w.refusals().count())
                        .collect(Collectors.joining(", ")),
                unexplained == 0 ? "every one with Retry-After and problem+json"
                        : unexplained + " without Retry-After or problem+json"));
    }

    private static Optional<Double> p99(Optional<PhaseResult> phase, String workload) {
        return phase.flatMap(p -> p.workload(workload)).filter(w -> w.count() > 0).map(WorkloadResult::p99);
    }

    private static String latencies(WorkloadResult w) {
        if (w.count() == 0) {
            return "–";
        }
        return num(w.p50()) + " / " + num(w.p90()) + " / " + num(w.p99()) + " / " + num(w.max());
    }

    static String statuses(WorkloadResult w) {
        return statuses(w.statuses());
    }

    static String statuses(Map<String, Long> statuses) {
        if (statuses.isEmpty()) {
            return "–";
        }
        return new java.util.TreeMap<>(statuses).entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static String ratio(Optional<Double> a, Optional<Double> b) {
        if (a.isEmpty() || b.isEmpty() || b.get() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a.get() / b.get());
    }

    static String num(Double value) {
        if (value == null) {
            return "–";
        }
        double v = value;
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static Map<String, Object> optionsOf(BenchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", o.rate());
        m.put("duration", o.duration().toString());
        m.put("warmup", o.warmup().toString());
        m.put("readRate", o.effectiveReadRate());
        m.put("findMax", o.findMax());
        m.put("profile", o.profile());
        m.put("replay", o.replay());
        m.put("maxInFlight", o.maxInFlight());
        m.put("timeout", o.timeout().toString());
        return m;
    }
}
