package org.tsbase.application.score;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationEvents;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.events.ScoreComputed;
import org.tsbase.support.kafka.PoisonEventException;

/**
 * Shows scoring's result on the application: the first result moves SUBMITTED → SCORED (with its
 * {@code status-changed} event), later ones only replace the score shown. Results are ordered by
 * (applicationVersion, resultVersion): a redelivered or older result changes nothing.
 */
@Service
public class ScoreService {

    private static final Logger log = LoggerFactory.getLogger(ScoreService.class);

    private final ApplicationStore store;
    private final ApplicationEvents events;
    private final Clock clock;

    ScoreService(ApplicationStore store, ApplicationEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void apply(ScoreComputed result) {
        if (result.applicationId() == null || result.total() == null || result.base() == null
                || result.bonus() == null) {
            throw new PoisonEventException("score result without application id or points");
        }
        if (store.find(result.applicationId()).isEmpty()) {
            log.warn("score result for unknown application {} ignored", result.applicationId());
            return;
        }
        store.change(result.applicationId(), OptionalLong.empty(), a -> true, current -> decide(current, result));
    }

    private Optional<Update> decide(Application current, ScoreComputed result) {
        if (!ApplicationStatus.SUBMITTED_OR_LATER.contains(current.status())) {
            return Optional.empty();
        }
        if (current.score() != null && !newer(result, current.score())) {
            return Optional.empty();
        }
        Update update = new Update().set("score", new Application.Score(result.total(), result.base(),
                result.bonus(), result.passed(), result.rubricId(), result.rubricVersion(),
                result.applicationVersion(), result.resultVersion(), result.cause(), result.computedAt()));
        // a result for the version before a resubmission (退回补正) shows, but does not score the new submission
        boolean forThisSubmission = current.submittedVersion() == null
                || result.applicationVersion() >= current.submittedVersion();
        if (current.status() == ApplicationStatus.SUBMITTED && forThisSubmission) {
            update.set("status", ApplicationStatus.SCORED).push("outbox", events.statusChanged(current,
                    current.version() + 1, ApplicationStatus.SCORED, null, null, clock.instant()));
        }
        return Optional.of(update);
    }

    static boolean newer(ScoreComputed result, Application.Score shown) {
        if (result.applicationVersion() != shown.applicationVersion()) {
            return result.applicationVersion() > shown.applicationVersion();
        }
        return result.resultVersion() > shown.resultVersion();
    }
}
