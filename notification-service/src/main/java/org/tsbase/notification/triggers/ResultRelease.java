package org.tsbase.notification.triggers;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.tsbase.notification.applications.ApplicationDirectory;
import org.tsbase.notification.applications.LatestScore;
import org.tsbase.notification.calls.CallDirectory;
import org.tsbase.notification.calls.ResultsPublished;
import org.tsbase.notification.notifications.Notifier;

/**
 * The district published a call's results: each application's latest score is mailed to its contacts, once. Reads
 * the call's latest scores a page at a time through their {@code (callId, _id)} index, so the work follows the
 * call's applications. Each mail's id comes from (application, result version, RESULT_PUBLISHED), so a redelivered
 * call event, a restart in the middle or a score event racing the sweep sends nothing twice; when the sweep went
 * through, the call copy records it and a later redelivery does not read the scores again; until then it is marked
 * {@code resultsPending} and a retry job sweeps it again (a failure here never sends the call event to its
 * dead-letter topic).
 */
@Service
class ResultRelease {

    private static final Logger log = LoggerFactory.getLogger(ResultRelease.class);
    static final int PAGE = 200;

    private final ApplicationDirectory applications;
    private final CallDirectory calls;
    private final Notifier notifier;
    private final Triggers triggers;

    ResultRelease(ApplicationDirectory applications, CallDirectory calls, Notifier notifier, Triggers triggers) {
        this.applications = applications;
        this.calls = calls;
        this.notifier = notifier;
        this.triggers = triggers;
    }

    @EventListener
    void published(ResultsPublished published) {
        try {
            sweep(published);
        } catch (RuntimeException e) {
            // the call copy keeps resultsPending: the retry job sweeps again (its mails are idempotent)
            log.warn("call {}: results not announced yet, retried later: {}", published.callId(), e.toString());
        }
    }

    /** Sweeps again what a failure (the store away, a crash) left unannounced. */
    @Scheduled(fixedDelayString = "${tsbase.notifications.results-retry-interval:1m}", initialDelayString = "1m")
    void retryUnannounced() {
        try {
            calls.unannounced().stream().filter(c -> c.resultsPublishedAt() != null)
                    .forEach(c -> published(new ResultsPublished(c.callId(), c.resultsPublishedAt())));
        } catch (RuntimeException e) {
            log.warn("results retry job did not run through: {}", e.toString());
        }
    }

    private void sweep(ResultsPublished published) {
        String title = triggers.callTitle(published.callId());
        int scores = 0;
        int created = 0;
        String after = null;
        List<LatestScore> page;
        do {
            page = applications.scoresOfCall(published.callId(), after, PAGE);
            for (LatestScore latest : page) {
                scores++;
                ScoreRelease.Outcome outcome = ScoreRelease.decide(false, latest.resultVersion(),
                        latest.resultVersion(), latest.score().applicationVersion(),
                        applications.state(latest.applicationId()), Optional.of(published.publishedAt()));
                if (outcome == ScoreRelease.Outcome.MAIL) {
                    created += notifier.notify(Triggers.scored(latest.eventId(), latest.score(), title));
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).applicationId();
        } while (page.size() == PAGE);
        calls.markAnnounced(published.callId(), published.publishedAt());
        log.info("call {}: results published, {} score(s) read, {} notification(s) created", published.callId(),
                scores, created);
    }
}
