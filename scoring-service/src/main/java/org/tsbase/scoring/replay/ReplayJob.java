package org.tsbase.scoring.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A rescoring by replay: which events it reads (the application topic from the beginning up to the end offsets taken
 * at its start), how far it got (so that it resumes after a restart), and what changed.
 *
 * @param endOffsets partition → the end offset taken at the start: the job reads up to there, never further
 * @param positions  partition → the next offset to read
 * @param changed    how many results the job changed (or would change, in a dry run)
 * @param diff       the first {@value ReplayRunner#DIFF_SHOWN} applications whose total, pass/fail or rank changed
 * @param diffSize   how many applications that is in all
 * @param reason     why the ADMIN asked for it (optional), for the audit trail
 * @param outbox     the audit events of its completion ({@code scoring.decision.v1}, one per call it concerned),
 *                   written with the completion in one update; not part of the API
 */
@Document("replayjobs")
public record ReplayJob(
        @Id String jobId,
        String rubricId,
        String callId,
        boolean dryRun,
        @Indexed State state,
        String requestedBy,
        @Indexed Instant startedAt,
        Instant finishedAt,
        Map<String, Long> endOffsets,
        Map<String, Long> positions,
        long total,
        long processed,
        long changed,
        List<Change> diff,
        long diffSize,
        String error,
        String reason,
        @com.fasterxml.jackson.annotation.JsonIgnore List<org.tsbase.support.outbox.OutboxEntry> outbox) {

    public enum State {
        RUNNING, COMPLETED, FAILED
    }

    /**
     * An application whose total, pass/fail or rank changed (or would change, in a dry run).
     *
     * @param frozen the district decided on it before: its result stays as decided, and the "after" figures are
     *               recorded as a proposal (what it would now score), not applied; its rank does not move
     */
    public record Change(String applicationId, String callId, String type, String organizationName,
            String rubricBefore, String rubricAfter, BigDecimal totalBefore, BigDecimal totalAfter,
            Boolean passedBefore, Boolean passedAfter, Integer rankBefore, Integer rankAfter, boolean frozen) {
    }
}
