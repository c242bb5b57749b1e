package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void arrivalsAreDueAtFixedIntervalsFromTheStartWhateverHappened() {
        ArrivalSchedule s = ArrivalSchedule.of(1_000, 4, Duration.ofSeconds(2));
        assertThat(s.count()).isEqualTo(8);
        assertThat(s.intendedNanos(0)).isEqualTo(1_000);
        assertThat(s.intendedNanos(1)).isEqualTo(1_000 + 250_000_000L);
        assertThat(s.intendedNanos(7)).isEqualTo(1_000 + 1_750_000_000L);
        assertThat(s.endNanos()).isEqualTo(1_000 + 2_000_000_000L);
    }

    @Test
    void periodsThatAreNoWholeNumberOfNanosDoNotDrift() {
        ArrivalSchedule s = ArrivalSchedule.of(0, 3, Duration.ofSeconds(100));
        assertThat(s.count()).isEqualTo(300);
        assertThat(s.intendedNanos(1)).isEqualTo(333_333_333L);
        assertThat(s.intendedNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(s.intendedNanos(299)).isEqualTo(99_666_666_667L);
    }

    @Test
    void aFractionalRateAndALengthShorterThanOneIntervalGiveWholeArrivals() {
        assertThat(ArrivalSchedule.of(0, 0.5, Duration.ofSeconds(5)).count()).isEqualTo(2);
        assertThat(ArrivalSchedule.of(0, 1, Duration.ofMillis(999)).count()).isZero();
    }

    @Test
    void onlyScheduledArrivalsHaveATime() {
        ArrivalSchedule s = ArrivalSchedule.of(0, 10, Duration.ofSeconds(1));
        assertThatThrownBy(() -> s.intendedNanos(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.intendedNanos(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ArrivalSchedule.of(0, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
