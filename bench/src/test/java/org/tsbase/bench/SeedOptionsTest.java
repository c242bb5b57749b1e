package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsbase.events.CreditCode;

class SeedOptionsTest {

    private static SeedOptions parse(String... args) {
        return SeedOptions.parse(List.of(args), Map.of());
    }

    @Test
    void seedingIsChosenBySeedOrVerifyAckedOnly() {
        assertThat(SeedOptions.wanted(List.of("--seed", "100"))).isTrue();
        assertThat(SeedOptions.wanted(List.of("--seed=100"))).isTrue();
        assertThat(SeedOptions.wanted(List.of("--verify-acked", "f.txt"))).isTrue();
        assertThat(SeedOptions.wanted(List.of("--rate", "5", "--seed-rate", "3"))).isFalse();
    }

    @Test
    void defaultsFillTheCapacityCallMeasuringAt10kAnd50k() {
        SeedOptions o = parse("--seed", "100000");
        assertThat(o.seed()).isEqualTo(100_000);
        assertThat(o.callId()).isEqualTo("capacity");
        assertThat(o.seedRate()).isZero();
        assertThat(o.concurrency()).isEqualTo(16);
        assertThat(o.checkpoints()).containsExactly(10_000L, 50_000L);
        assertThat(o.seedFor()).isEmpty();
        assertThat(o.readRate()).isEqualTo(20);
        assertThat(o.rankingRate()).isEqualTo(1);
        assertThat(o.readDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.ackedLogIn(Path.of("/d"))).isEqualTo(Path.of("/d/seed-capacity-acked.txt"));
    }

    @Test
    void readsEveryOption() {
        SeedOptions o = parse("--seed=5_000", "--call", "city-2026", "--seed-rate", "50", "--seed-concurrency", "8",
                "--checkpoints", "3000,1000,3000", "--read-rate", "0", "--ranking-rate", "2", "--read-duration", "10s", "--idle", "5s",
                "--score-wait", "2m", "--label", "x", "--out", "/o", "--acked-log", "/a.txt", "--seed-for", "50m",
                "--data-dir", "/data", "--timeout", "5s");
        assertThat(o.seed()).isEqualTo(5_000);
        assertThat(o.callId()).isEqualTo("city-2026");
        assertThat(o.seedRate()).isEqualTo(50);
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.checkpoints()).containsExactly(1_000L, 3_000L);
        assertThat(o.readRate()).isZero();
        assertThat(o.rankingRate()).isEqualTo(2);
        assertThat(o.readDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.idle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.scoreWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.ackedLogIn(Path.of("/d"))).isEqualTo(Path.of("/a.txt"));
        assertThat(o.seedFor()).contains(Duration.ofMinutes(50));
        assertThat(o.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(parse("--seed", "1", "--checkpoints", "none").checkpoints()).isEmpty();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> parse("--seed", "0")).hasMessageContaining("--seed");
        assertThatThrownBy(() -> parse("--seed", "10", "--verify-acked", "f")).hasMessageContaining("one of them");
        assertThatThrownBy(() -> parse("--seed", "10", "--rate", "5")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--seed", "10", "--call", "NO")).hasMessageContaining("--call");
    }

    @Test
    void seededOrganisationsNameAContactReachableByPhoneOnlySoNoMailIsSent() {
        Map<String, Object> contact = Seeder.seedContact(7);
        assertThat(contact).doesNotContainKey("email").containsEntry("channels", List.of("SMS"));
        assertThat(contact.get("mobilePhone")).isNotNull();
        assertThat(BenchOptions.usage()).contains("--seed N").contains("phone only").contains("no mail");
    }

    @Test
    void onlyARefusalForAContactStillOnItsWayIsAskedAgain() {
        String missing = "{\"status\":422,\"errors\":[{\"field\":\"contacts\",\"message\":\"附件6\"}]}";
        assertThat(Seeder.waitsForContact(new Http.Answer("422", missing, null, null))).isTrue();
        assertThat(Seeder.waitsForContact(new Http.Answer("422",
                "{\"status\":422,\"errors\":[{\"field\":\"declarationAccepted\"}]}", null, null))).isFalse();
        assertThat(Seeder.waitsForContact(new Http.Answer("409", missing, null, null))).isFalse();
    }

    @Test
    void aCallsCodesAreFixedByIndexValidAndDistinct() {
        CreditCodes a = Seeder.codesFor("capacity");
        CreditCodes again = Seeder.codesFor("capacity");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long i = 0; i < 5_000; i++) {
            String code = a.code(i);
            assertThat(code).isEqualTo(again.code(i));
            assertThat(CreditCode.isValid(code)).as(code).isTrue();
            assertThat(seen.add(code)).isTrue();
        }
        assertThat(Seeder.codesFor("other-call").code(0)).isNotEqualTo(a.code(0));
    }

    @Test
    void theTableHasARowPerCheckpointWithGatewayAndDirectReads() {
        Results.WorkloadResult byId = new Results.WorkloadResult("read: by id", 10, 10, 1, 5, 8, 9, 9,
                Map.of("200", 10L));
        Results.WorkloadResult byIdDirect = new Results.WorkloadResult("read: by id", 10, 9, 1, 2, 3, 4, 4,
                Map.of("200", 9L, "503", 1L));
        Seeder.Checkpoint c = new Seeder.Checkpoint(10_000, "2026-11-28T20:00:00Z", 9_800, 1000, 9.8, Map.of(), 0,
                10_000, 12, 30, Map.of("mongo", 0.5), Map.of("mongo", 400L), 400L * 1048576, 41943, 20, 1,
                List.of(byId), List.of(byIdDirect), Map.of("mongo", 0.5), 0);
        String md = Seeder.markdown(List.of(c));
        assertThat(md).contains("| 10000 | 2026-11-28T20:00 |").contains("| 400 |").contains("5.00 / 9.00; 2.00 / 4.00")
                .contains("503×1");
        assertThat(md.lines().count()).isEqualTo(3);
    }

    @Test
    void aDatabaseBusyAfterTheLoadShowsWhenItSettled() {
        Seeder.Checkpoint busy = new Seeder.Checkpoint(10_000, "2026-11-28T20:00:00Z", 9_800, 1000, 9.8, Map.of(), 0,
                10_000, 12, 30, Map.of("mongo", 0.4), Map.of("mongo", 400L), 400L * 1048576, 41943, 20, 1,
                List.of(), List.of(), Map.of("mongo", 85.0), 120);
        assertThat(Seeder.idleCpu(busy)).isEqualTo("85.0 → 0.40 after 120 s");
        Seeder.Checkpoint quiet = new Seeder.Checkpoint(10_000, "2026-11-28T20:00:00Z", 9_800, 1000, 9.8, Map.of(), 0,
                10_000, 12, 30, Map.of("mongo", 0.4), Map.of("mongo", 400L), 400L * 1048576, 41943, 20, 1,
                List.of(), List.of(), Map.of("mongo", 0.4), 0);
        assertThat(Seeder.idleCpu(quiet)).isEqualTo("0.40");
        Seeder.Checkpoint stillBusy = new Seeder.Checkpoint(10_000, "2026-11-28T20:00:00Z", 9_800, 1000, 9.8, Map.of(),
                0, 10_000, 12, 30, Map.of("mongo", 94.6), Map.of("mongo", 400L), 400L * 1048576, 41943, 20, 1,
                List.of(), List.of(), Map.of("mongo", 93.5), 30);
        assertThat(Seeder.idleCpu(stillBusy)).isEqualTo("93.5, still 94.6 after 30 s more");
    }
}
