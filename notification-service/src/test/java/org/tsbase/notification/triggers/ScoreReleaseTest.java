package org.tsbase.notification.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tsbase.events.ApplicationType;
import org.tsbase.notification.applications.ApplicationState;
import org.tsbase.notification.triggers.ScoreRelease.Outcome;

/** When an automatic score may be mailed: only once the district published the call's results, and only the latest. */
class ScoreReleaseTest {

    static final Optional<Instant> PUBLISHED = Optional.of(Instant.parse("2023-08-20T02:00:00Z"));
    static final Optional<Instant> NOT_PUBLISHED = Optional.empty();

    static Optional<ApplicationState> state(String status, long version) {
        return Optional.of(new ApplicationState("app-1", "sjs-2023", ApplicationType.POINT, "91110107MA01B2C34M",
                "测试单位", status, version));
    }

    @Test
    void beforePublicationAScoreIsHeld() {
        assertThat(ScoreRelease.decide(false, 1, 1, 2, state("SCORED", 3), NOT_PUBLISHED)).isEqualTo(Outcome.HOLD);
        assertThat(ScoreRelease.decide(false, 1, 1, 2, Optional.empty(), NOT_PUBLISHED)).isEqualTo(Outcome.HOLD);
    }

    @Test
    void afterPublicationTheLatestScoreIsMailed() {
        assertThat(ScoreRelease.decide(false, 2, 2, 2, state("SCORED", 3), PUBLISHED)).isEqualTo(Outcome.MAIL);
        assertThat(ScoreRelease.decide(false, 2, 2, 2, state("RECOMMENDED", 5), PUBLISHED)).isEqualTo(Outcome.MAIL);
        // a status not known yet (the application topic is read independently) does not stop it
        assertThat(ScoreRelease.decide(false, 2, 2, 2, Optional.empty(), PUBLISHED)).isEqualTo(Outcome.MAIL);
    }

    @Test
    void anOlderResultAReplayAWithdrawnOrReturnedApplicationAreNeverMailed() {
        assertThat(ScoreRelease.decide(false, 1, 2, 2, state("SCORED", 3), PUBLISHED)).isEqualTo(Outcome.SUPERSEDED);
        assertThat(ScoreRelease.decide(true, 3, 3, 2, state("SCORED", 3), PUBLISHED)).isEqualTo(Outcome.REPLAY);
        assertThat(ScoreRelease.decide(false, 2, 2, 2, state("WITHDRAWN", 4), PUBLISHED))
                .isEqualTo(Outcome.NOT_CURRENT);
        assertThat(ScoreRelease.decide(false, 2, 2, 2, state("RETURNED", 4), PUBLISHED))
                .isEqualTo(Outcome.NOT_CURRENT);
    }

    @Test
    void aResubmissionsScoreArrivingBeforeItsSubmissionEventIsNotStoppedByTheOldReturn() {
        // returned at version 5, resubmitted as version 6: the copy still says RETURNED (version 5)
        assertThat(ScoreRelease.decide(false, 3, 3, 6, state("RETURNED", 5), PUBLISHED)).isEqualTo(Outcome.MAIL);
    }

    @Test
    void theMailOfOneResultHasOneKeyWhicheverWayItIsSent() {
        assertThat(ScoreRelease.key("app-1", 2)).isEqualTo("RESULT_PUBLISHED:app-1:2")
                .isNotEqualTo(ScoreRelease.key("app-1", 3));
        assertThat(Triggers.scored("event-a", TriggersTest.score(true), "x").key())
                .isEqualTo(Triggers.scored("event-b", TriggersTest.score(true), "x").key());
    }
}
