package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndSystemTicksAfterANameWithSpacesAndParentheses() {
        String stat = "4242 (java (gw) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 40 0 1000 0 0";
        assertThat(ProcessCpu.parseStat(stat, 100)).hasValue(3_000);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ProcessCpu.millis(ProcessHandle.current().pid())).isPresent();
    }
}
