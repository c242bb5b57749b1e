package org.tsbase.scoring.sheet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.support.web.ApiException;

/**
 * The rules of a result, decided here and nowhere else (no Spring, no store): whether a newly computed result
 * replaces the current one, is recorded as a proposal beside a result frozen by a decision, or changes nothing; and
 * whether reviewers may score at a given moment. {@link Scoring} persists what these methods return.
 */
public final class ResultRules {

    /** The notice's dates are Beijing dates. */
    public static final ZoneId ZONE = org.tsbase.events.ReviewPeriod.ZONE;

    private ResultRules() {
    }

    /** What becomes of a newly computed result. */
    public sealed interface Outcome {
    }

    /** Nothing a reader would see changed: nothing is written or published. */
    public record Unchanged() implements Outcome {
    }

    /** The new current result: stored with its history entry and published. */
    public record Applied(ScoreSheet.CurrentResult result) implements Outcome {
    }

    /**
     * The sheet's result is frozen by the district's decision: the new result is kept beside it as what the
     * application "would now" score, visible to reviewers, never published as its score.
     */
    public record Proposed(ScoreSheet.Proposal proposal) implements Outcome {
    }

    /**
     * Decides what a newly computed result does to a sheet.
     *
     * @param sheet    the sheet as read (its decision, current result and proposal)
     * @param computed the result computed from the sheet's current inputs
     */
    public static Outcome next(ScoreSheet sheet, ScoreSheet.CurrentResult computed) {
        if (sheet.decision() == null) {
            return Scoring.changed(sheet.result(), computed) ? new Applied(computed) : new Unchanged();
        }
        if (!Scoring.changed(sheet.result(), computed)) {
            // back to what was decided: the proposal, if any, no longer stands
            return sheet.proposal() == null ? new Unchanged() : new Proposed(null);
        }
        if (sheet.proposal() != null && !Scoring.changed(sheet.proposal().result(), computed)) {
            return new Unchanged();
        }
        return new Proposed(new ScoreSheet.Proposal(computed, sheet.decision().at()));
    }

    /**
     * Reviewers score (and change their scores) only in the call's review period, 审核推荐 from {@code reviewStarts}
     * to the end of {@code reviewEnds} (Beijing time, both days included), or until the end of the day an ADMIN
     * reopened it to.
     *
     * @throws ReviewPeriodClosed outside of it, naming the period
     */
    public static void requireReviewOpen(CallCopy call, Instant now) {
        if (reviewOpen(call, now)) {
            return;
        }
        throw new ReviewPeriodClosed(call.callId(), call.reviewStarts(), call.reviewEnds(),
                call.reviewReopenedUntil());
    }

    static boolean reviewOpen(CallCopy call, Instant now) {
        return org.tsbase.events.ReviewPeriod.openAt(call.reviewStarts(), call.reviewEnds(),
                call.reviewReopenedUntil(), now);
    }

    /**
     * A review outside the call's review period: 422, the problem naming the period (and the reopening, if any), as
     * the one problem mapping of {@link ApiException} renders it.
     */
    public static final class ReviewPeriodClosed extends ApiException {
        ReviewPeriodClosed(String callId, LocalDate starts, LocalDate ends, LocalDate reopenedUntil) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, reopenedUntil == null ? "review.period-closed"
                    : "review.period-closed-reopened", callId, String.valueOf(starts), String.valueOf(ends),
                    String.valueOf(reopenedUntil));
        }
    }
}
