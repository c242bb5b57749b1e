package org.tsbase.notification.triggers;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.tsbase.notification.applications.ApplicationState;

/**
 * When an automatic score may be mailed to the applicant (issue 9: "the automatic score is shown and mailed to
 * applicants only when the district publishes results"). Pure: the caller supplies what it knows.
 */
final class ScoreRelease {

    /** Statuses whose score is not the applicant's current result: withdrawn, or returned for correction. */
    static final Set<String> NOT_MAILED_IN = Set.of("WITHDRAWN", "RETURNED");

    enum Outcome {
        /** mail it now */
        MAIL,
        /** results not published yet: kept as the latest score, mailed when they are */
        HOLD,
        /** a replay (rescoring): the state is kept, no side effect repeated */
        REPLAY,
        /** an older result than the one kept (a redelivery or an event out of order): never mailed */
        SUPERSEDED,
        /** the application is withdrawn or back with its organisation for correction */
        NOT_CURRENT
    }

    private ScoreRelease() {
    }

    /**
     * @param scoredVersion the application version the score is of
     * @param state         the application's status copy, if known; it counts only if it is not older than the
     *                      scored version (a resubmission's score may arrive before its submission event)
     */
    static Outcome decide(boolean replay, long resultVersion, long latestResultVersion, long scoredVersion,
            Optional<ApplicationState> state, Optional<Instant> resultsPublishedAt) {
        if (replay) {
            return Outcome.REPLAY;
        }
        if (resultVersion < latestResultVersion) {
            return Outcome.SUPERSEDED;
        }
        if (state.filter(a -> a.version() >= scoredVersion && NOT_MAILED_IN.contains(a.status())).isPresent()) {
            return Outcome.NOT_CURRENT;
        }
        return resultsPublishedAt.isPresent() ? Outcome.MAIL : Outcome.HOLD;
    }

    /**
     * The idempotency key of the mail of one result: the same whichever way it is sent (the score event after
     * publication, or the publication's sweep), so that a race between the two, a redelivery, a restart or a second
     * instance mail it once.
     */
    static String key(String applicationId, long resultVersion) {
        return "RESULT_PUBLISHED:" + applicationId + ":" + resultVersion;
    }
}
