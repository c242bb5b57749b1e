package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    private static Results.WorkloadResult w(String name, double p99, Map<String, Long> statuses) {
        return new Results.WorkloadResult(name, 100, 98, 19.6, p99 / 4, p99 / 2, p99, p99 * 2, statuses);
    }

    private static Results sample() {
        Results.PhaseResult gateway = new Results.PhaseResult(Results.GATEWAY, 20, 30.0,
                List.of(w("flow", 300, Map.of("200", 98L, "429", 2L)), w("submit", 80, Map.of("200", 100L)),
                        w("score visible", 120, Map.of("seen", 100L))),
                Map.of("gateway", 3.7, "application-service", 2.4), 0);
        Results.PhaseResult direct = new Results.PhaseResult(Results.DIRECT, 20, 30.0,
                List.of(w("flow", 200, Map.of("200", 100L)), w("submit", 40, Map.of("200", 100L)),
                        w("score visible", 100, Map.of("seen", 100L))),
                Map.of("gateway", 0.0, "application-service", 2.3), 3);
        Results.FindMax findMax = new Results.FindMax(List.of(
                new Results.Step(Results.GATEWAY, 10, true, 150, 0, 10, Map.of()),
                new Results.Step(Results.GATEWAY, 15, false, 2500, 4, 12, Map.of("submit 503", 4L))), 10, 22, 5);
        Results.ReplayResult replay = new Results.ReplayResult("COMPLETED", 1200, 3600, 12.0, 100.0, 3.0, 400.0, 0.25);
        return new Results("20261128-120000", "test", "2026-11-28T12:00:00Z", "2 cores, Java 17", "bench-x",
                Map.of("rate", 20), findMax, List.of(gateway, direct), replay, List.of(),
                Map.of("run-gateway.jfr", List.of(" 12.0% a.B.c")), List.of("a note"));
    }

    @Test
    void theJsonHoldsEveryFigure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/2026-11-28-test.json");
        sample().write(file);
        JsonNode json = Results.json().readTree(file.toFile());
        assertThat(json.path("runId").asText()).isEqualTo("20261128-120000");
        assertThat(json.path("callId").asText()).isEqualTo("bench-x");
        JsonNode gateway = json.path("phases").get(0);
        assertThat(gateway.path("target").asText()).isEqualTo("gateway");
        assertThat(gateway.path("rate").asInt()).isEqualTo(20);
        JsonNode flow = gateway.path("workloads").get(0);
        assertThat(flow.path("name").asText()).isEqualTo("flow");
        assertThat(flow.path("p99").asDouble()).isEqualTo(300.0);
        assertThat(flow.path("statuses").path("429").asLong()).isEqualTo(2);
        assertThat(gateway.path("cpuMillisPerApplicant").path("gateway").asDouble()).isEqualTo(3.7);
        assertThat(json.path("phases").get(1).path("scoresMissing").asLong()).isEqualTo(3);
        assertThat(json.path("findMax").path("gatewayMax").asInt()).isEqualTo(10);
        assertThat(json.path("findMax").path("burstRate").asInt()).isEqualTo(5);
        assertThat(json.path("replay").path("ratio").asDouble()).isEqualTo(0.25);
        assertThat(json.path("hotMethods").path("run-gateway.jfr").get(0).asText()).contains("a.B.c");
    }

    @Test
    void aPhaseWithRefusalsSaysHowManyHowFastAndWhetherTheySaidWhenToAskAgain() {
        Results.PhaseResult gateway = new Results.PhaseResult(Results.GATEWAY, 200, 30.0, List.of(
                new Results.WorkloadResult("contact", 6000, 1000, 33, 5, 9, 40, 90, Map.of("201", 1000L, "429", 5000L),
                        new Results.Refusals(5000, 12.5, 48.0, 0)),
                new Results.WorkloadResult("submit", 1000, 990, 33, 5, 9, 40, 90, Map.of("200", 990L, "503", 10L),
                        new Results.Refusals(10, 30.0, 31.0, 2)),
                w("score visible", 120, Map.of("seen", 990L))), Map.of(), 0);

        assertThat(Results.refusals(gateway)).contains("Refused for now (429/503) through the gateway: 5010 answers, "
                + "30.0 ms p99 and 48.0 ms at most after sending (contact 5000, submit 10); 2 without Retry-After or "
                + "problem+json.");
        assertThat(Results.refusals(new Results.PhaseResult(Results.DIRECT, 1, 1, List.of(w("flow", 1,
                Map.of("200", 1L))), Map.of(), 0))).isEmpty();
    }

    @Test
    void theMarkdownShowsBothTargetsSideBySideWithTheirRatios() {
        String md = sample().markdown();
        assertThat(md).contains("| workload | via gateway p50 / p90 / p99 / max (ms) |");
        // flow: 300 ms through the gateway, 200 ms direct
        assertThat(md).contains("| flow | 75.0 / 150 / 300 / 600 | 19.6 | 50.0 / 100 / 200 / 400 | 19.6 | 1.50 | "
                + "200×98 429×2; 200×100 |");
        // submit → score visible p99 ÷ submit p99: 120/80 and 100/40
        assertThat(md).contains("| submit → score visible p99 ÷ submit p99 | 1.50 | 2.50 |");
        assertThat(md).contains("| highest clean rate (applicants/s), gateway ÷ direct | 10 ÷ 22 = 0.45 | |");
        assertThat(md).contains("| CPU ms per applicant: gateway | 3.70 | 0.00 |");
        assertThat(md).contains("| submissions without a score event in time | 0 | 3 |");
        assertThat(md).contains("replay job 100/s", "harness (consume + bulk write) 400/s", "replay ÷ harness = 0.25");
        assertThat(md).contains("gateway 15/s NOT clean (p99 2500 ms, submit 503×4)");
        assertThat(md).contains("12.0% a.B.c", "- a note");
        // workloads nobody measured are left out
        assertThat(md).doesNotContain("| read: ranking |");
    }

    @Test
    void ratiosNeedBothSides() {
        assertThat(Results.ratio(java.util.Optional.of(3.0), java.util.Optional.empty())).isEqualTo("–");
        assertThat(Results.ratio(java.util.Optional.of(3.0), java.util.Optional.of(0.0))).isEqualTo("–");
        assertThat(Results.ratio(java.util.Optional.of(3.0), java.util.Optional.of(4.0))).isEqualTo("0.75");
    }
}
