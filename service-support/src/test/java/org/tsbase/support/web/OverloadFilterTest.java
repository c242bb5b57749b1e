package org.tsbase.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadFilterTest {

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(OverloadFilter.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
        assertThat(OverloadFilter.retryAfterSeconds(Duration.ofMillis(200))).isEqualTo("1");
        assertThat(OverloadFilter.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(OverloadFilter.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo("3");
    }
}
