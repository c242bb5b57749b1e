package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(List.of(args), Map.of());
    }

    @Test
    void defaultsAreAShortRunAgainstTheDefaultDataFolder() {
        BenchOptions o = parse();
        assertThat(o.dataDir()).isEqualTo(Path.of("data"));
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.rate()).isEqualTo(20);
        assertThat(o.effectiveReadRate()).isEqualTo(20);
        assertThat(o.profile()).isFalse();
        assertThat(o.findMax()).isFalse();
        assertThat(o.replay()).isTrue();
        assertThat(o.callId()).isEmpty();
        assertThat(o.label()).isEqualTo("run");
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        BenchOptions o = parse("--duration", "1m30s", "--rate=40", "--profile", "--data-dir", "/tmp/x", "--find-max",
                "--find-max-start", "5", "--find-max-factor", "1.1", "--step-duration", "4s", "--max-p99", "500ms", "--no-replay",
                "--call", "sjs-demo", "--label", "after-gateway-fix", "--out", "/tmp/out", "--warmup", "0",
                "--read-rate", "0", "--score-wait", "2m", "--max-in-flight", "64", "--timeout", "10s");
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.rate()).isEqualTo(40);
        assertThat(o.profile()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.findMax()).isTrue();
        assertThat(o.findMaxStart()).isEqualTo(5);
        assertThat(o.findMaxFactor()).isEqualTo(1.1);
        assertThat(o.stepDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.maxP99()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.replay()).isFalse();
        assertThat(o.callId()).contains("sjs-demo");
        assertThat(o.label()).isEqualTo("after-gateway-fix");
        assertThat(o.outDir()).contains(Path.of("/tmp/out"));
        assertThat(o.warmup()).isZero();
        assertThat(parse("--warmup", "0s").warmup()).as("no warm-up, as a duration").isZero();
        assertThat(o.effectiveReadRate()).isZero();
        assertThat(o.scoreWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.maxInFlight()).isEqualTo(64);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPlainNumberIsSeconds() {
        assertThat(parse("--duration", "45").duration()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theDataFolderComesFromTheEnvironmentUnlessGiven() {
        assertThat(BenchOptions.parse(List.of(), Map.of("TSBASE_DATA_DIR", "/srv/d")).dataDir())
                .isEqualTo(Path.of("/srv/d"));
        assertThat(BenchOptions.parse(List.of("--data-dir", "here"), Map.of("TSBASE_DATA_DIR", "/srv/d")).dataDir())
                .isEqualTo(Path.of("here"));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> parse("--rate", "0")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--rate", "many")).isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--find-max-factor", "1")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("--find-max-factor");
        assertThatThrownBy(() -> parse("--find-max-factor", "NaN")).isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--duration", "10 minutes")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("--duration", "0s")).isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--rate")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--turbo")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("--turbo");
        assertThatThrownBy(() -> parse("fast")).isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--label", "../../etc")).isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> parse("--call", "SJS DEMO")).isInstanceOf(BenchOptions.UsageException.class);
    }

    @Test
    void helpAsksForTheUsageAlone() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOf(BenchOptions.UsageException.class)
                .hasMessage(null);
        assertThat(BenchOptions.usage()).contains("--rate", "--duration", "--profile", "--find-max", "--data-dir",
                "rate-limit.requests-per-second");
    }
}
