package org.tsbase.application.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tsbase.application.intake.Application;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.ScoreComputed;

/** A result replaces the one shown only when it is newer: (applicationVersion, resultVersion), in that order. */
class ScoreOrderTest {

    @ParameterizedTest(name = "shown {0}/{1}, arriving {2}/{3} → {4}")
    @CsvSource({
            "2, 1, 2, 2, true",
            "2, 1, 2, 1, false",  // redelivered
            "2, 3, 2, 2, false",  // older result
            "2, 3, 4, 1, true",   // a later submission's first result
            "4, 1, 2, 9, false",  // an earlier submission's result
    })
    void ordering(long shownApp, long shownResult, long app, long result, boolean newer) {
        Application.Score shown = new Application.Score(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, false, "r", 1,
                shownApp, shownResult, "SUBMISSION", Instant.now());
        ScoreComputed arriving = new ScoreComputed("a", "c", ApplicationType.POINT, "x", "n", app, "r", 1,
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN, false, List.of(), "RESCORE", result, Instant.now());
        assertThat(ScoreService.newer(arriving, shown)).isEqualTo(newer);
    }
}
