package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void countsStatusesAndOnlySuccessesAsThroughput() {
        Workload w = new Workload("submit");
        for (int i = 1; i <= 100; i++) {
            w.record("200", 0, i * 1_000_000L); // 1 … 100 ms
        }
        w.record("429", 0, 5_000_000L);
        w.record("503", 0, 5_000_000L);
        w.record(Workload.TIMEOUT, 0, 30_000_000_000L);
        Results.WorkloadResult r = w.result(10);
        assertThat(r.count()).isEqualTo(103);
        assertThat(r.ok()).isEqualTo(100);
        assertThat(w.failures()).isEqualTo(3);
        assertThat(r.okPerSecond()).isEqualTo(10.0);
        assertThat(r.statuses()).containsEntry("200", 100L).containsEntry("429", 1L).containsEntry("503", 1L)
                .containsEntry("timeout", 1L);
        assertThat(r.p50()).isBetween(49.0, 52.0);
        // HdrHistogram with 3 significant digits: within 0.1 %
        assertThat(r.max()).isBetween(29_970.0, 30_030.0);
    }

    @Test
    void aSeenEventCountsAsDone() {
        Workload w = new Workload("score visible");
        w.record(Workload.SEEN, 1_000_000L, 3_000_000L);
        assertThat(w.ok()).isEqualTo(1);
        assertThat(w.result(1).p99()).isEqualTo(2.0);
    }

    @Test
    void latencyCountsFromTheIntendedTimeNotFromTheSend() {
        Workload w = new Workload("flow");
        long intended = 1_000_000_000L;
        long sentLate = intended + 2_000_000_000L; // the client was stalled for 2 s
        w.record("201", intended, sentLate + 10_000_000L);
        assertThat(w.result(1).max()).isBetween(2_005.0, 2_015.0);
    }

    @Test
    void refusalsAreTimedFromTheirSendingAndThoseThatDoNotSayWhenToAskAgainAreCounted() {
        Workload w = new Workload("submit");
        long due = 0;
        long sent = 5_000_000_000L; // queued in the client for 5 s: that counts in the latency, not the refusal's
        w.record(new Http.Answer("429", "{}", null, "1", "application/problem+json", sent, sent + 3_000_000L),
                due, sent + 3_000_000L);
        w.record(new Http.Answer("503", "{}", null, "2", "application/problem+json;charset=UTF-8", sent,
                sent + 7_000_000L), due, sent + 7_000_000L);
        w.record(new Http.Answer("503", "<html>", null, null, "text/html", sent, sent + 40_000_000L), due,
                sent + 40_000_000L);
        w.record(new Http.Answer("201", "{}", null, null, "application/json", sent, sent + 900_000_000L), due,
                sent + 900_000_000L);

        Results.Refusals refusals = w.result(1).refusals();
        assertThat(refusals.count()).isEqualTo(3);
        assertThat(refusals.unexplained()).isEqualTo(1);
        assertThat(refusals.max()).isBetween(39.9, 40.1);
        assertThat(w.result(1).max()).isGreaterThan(5_000.0);
    }
}
