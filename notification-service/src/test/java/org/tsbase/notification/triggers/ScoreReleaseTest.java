package org.tsbase.notification.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tsbase.notification.triggers.ScoreRelease.Outcome;

/** When an automatic score may be mailed: only once the district published the call's results, and only the latest. */
class ScoreReleaseTest {

    static final Optional<Instant> PUBLISHED = Optional.of(Instant.parse("2023-08-20T02:00:00Z"));
    static final Optional<String> SCORED = Optional.of("SCORED");

    @Test
    void beforePublicationAScoreIsHeld() {
        assertThat(ScoreRelease.decide(false, 1, 1, SCORED, Optional.empty())).isEqualTo(Outcome.HOLD);
        assertThat(ScoreRelease.decide(false, 1, 1, Optional.empty(), Optional.empty())).isEqualTo(Outcome.HOLD);
    }

    @Test
    void afterPublicationTheLatestScoreIsMailed() {
        assertThat(ScoreRelease.decide(false, 2, 2, SCORED, PUBLISHED)).isEqualTo(Outcome.MAIL);
        assertThat(ScoreRelease.decide(false, 2, 2, Optional.of("RECOMMENDED"), PUBLISHED)).isEqualTo(Outcome.MAIL);
        // a status not known yet (the application topic is read independently) does not stop it
        assertThat(ScoreRelease.decide(false, 2, 2, Optional.empty(), PUBLISHED)).isEqualTo(Outcome.MAIL);
    }

    @Test
    void anOlderResultAReplayAWithdrawnOrReturnedApplicationAreNeverMailed() {
        assertThat(ScoreRelease.decide(false, 1, 2, SCORED, PUBLISHED)).isEqualTo(Outcome.SUPERSEDED);
        assertThat(ScoreRelease.decide(true, 3, 3, SCORED, PUBLISHED)).isEqualTo(Outcome.REPLAY);
        assertThat(ScoreRelease.decide(false, 2, 2, Optional.of("WITHDRAWN"), PUBLISHED))
                .isEqualTo(Outcome.NOT_CURRENT);
        assertThat(ScoreRelease.decide(false, 2, 2, Optional.of("RETURNED"), PUBLISHED))
                .isEqualTo(Outcome.NOT_CURRENT);
    }

    @Test
    void theMailOfOneResultHasOneKeyWhicheverWayItIsSent() {
        assertThat(ScoreRelease.key("app-1", 2)).isEqualTo("RESULT_PUBLISHED:app-1:2")
                .isNotEqualTo(ScoreRelease.key("app-1", 3));
        assertThat(Triggers.scored("event-a", TriggersTest.score(true), "x").key())
                .isEqualTo(Triggers.scored("event-b", TriggersTest.score(true), "x").key());
    }
}
