package org.tsbase.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RateLimitConfiguration.class);

    @Test
    void defaultsAreTwentyPerSecondWithBurstOfForty() {
        context.run(started -> {
            RateLimitProperties properties = started.getBean(RateLimitProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.requestsPerSecond()).isEqualTo(20);
            assertThat(properties.burst()).isEqualTo(40);
        });
    }

    @Test
    void aBurstOfZeroIsRefusedAtStartup() {
        context.withPropertyValues("tsbase.gateway.rate-limit.burst=0")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("burst"));
    }
}
