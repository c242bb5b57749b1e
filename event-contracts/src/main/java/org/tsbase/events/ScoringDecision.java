package org.tsbase.events;

import java.time.Instant;

/**
 * A decision of an ADMIN in scoring-service that concerns a call, for its audit trail (who, when, what, why): a new
 * rubric version uploaded for a rubric the call names ({@code RUBRIC_UPLOADED}), a rescoring replay that read the
 * call's applications ({@code REPLAY_COMPLETED}). One event per call concerned, keyed by the call id. No personal
 * data: {@code by} is the token subject.
 *
 * @param summary what happened, in Chinese, for the trail
 * @param jobId   the replay job (null for an upload)
 */
public record ScoringDecision(
        String kind,
        String callId,
        String by,
        Instant at,
        String summary,
        String reason,
        String rubricId,
        Integer rubricVersion,
        String jobId) {
}
