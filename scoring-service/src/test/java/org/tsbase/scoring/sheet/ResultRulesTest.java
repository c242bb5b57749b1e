package org.tsbase.scoring.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;

/** The rules of a result (issue 9): a decision freezes it; reviews only in the review period. */
class ResultRulesTest {

    private static final Instant T = Instant.parse("2026-08-01T02:00:00Z");

    private static ScoreSheet.CurrentResult result(String total, long version, String cause) {
        BigDecimal t = new BigDecimal(total);
        return new ScoreSheet.CurrentResult(new ScoreResult("sjs-point-2023", 1, RubricType.POINT, List.of(), t,
                BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO, t, new BigDecimal("80"), t.compareTo(new BigDecimal("80")) >= 0,
                BigDecimal.ZERO), 1, version, cause, "x", T);
    }

    private static ScoreSheet sheet(ScoreSheet.CurrentResult current, ScoreSheet.Decision decision,
            ScoreSheet.Proposal proposal) {
        return new ScoreSheet("a", "c", ApplicationType.POINT, "91110107MA01B2C34M", "企业", null, 1, T, false,
                Map.of(), List.of(), current, List.of(), 3, List.of(), null, null, null, null, decision, proposal,
                List.of());
    }

    private static final ScoreSheet.Decision RECOMMENDED = new ScoreSheet.Decision(true, "district", T);

    @Test
    void withoutADecisionANewResultReplacesTheCurrentOneAndTheSameResultChangesNothing() {
        ScoreSheet open = sheet(result("100.00", 1, "SUBMISSION"), null, null);
        assertThat(ResultRules.next(open, result("80.00", 2, "REVIEW")))
                .isEqualTo(new ResultRules.Applied(result("80.00", 2, "REVIEW")));
        assertThat(ResultRules.next(open, result("100", 2, "RESCORE"))).isInstanceOf(ResultRules.Unchanged.class);
    }

    @Test
    void afterTheDecisionANewResultIsOnlyAProposalAndTheDecidedOneStands() {
        ScoreSheet frozen = sheet(result("100.00", 1, "SUBMISSION"), RECOMMENDED, null);
        ResultRules.Outcome outcome = ResultRules.next(frozen, result("78.50", 2, "REVIEW"));
        assertThat(outcome).isInstanceOfSatisfying(ResultRules.Proposed.class, p -> {
            assertThat(p.proposal().result().score().total()).isEqualByComparingTo("78.50");
            assertThat(p.proposal().frozenSince()).isEqualTo(T);
        });
        assertThat(ResultRules.next(frozen, result("100.00", 2, "RESCORE")))
                .as("no proposal when nothing would change").isInstanceOf(ResultRules.Unchanged.class);
    }

    @Test
    void aProposalIsKeptOnceAndWithdrawnWhenTheResultWouldBeAsDecidedAgain() {
        ScoreSheet.Proposal proposal = new ScoreSheet.Proposal(result("78.50", 2, "REVIEW"), T);
        ScoreSheet withProposal = sheet(result("100.00", 1, "SUBMISSION"), RECOMMENDED, proposal);
        assertThat(ResultRules.next(withProposal, result("78.50", 3, "REVIEW"))).isInstanceOf(ResultRules.Unchanged.class);
        assertThat(ResultRules.next(withProposal, result("100.00", 3, "REVIEW")))
                .isEqualTo(new ResultRules.Proposed(null));
        assertThat(ResultRules.next(withProposal, result("90.00", 3, "REVIEW")))
                .isInstanceOfSatisfying(ResultRules.Proposed.class,
                        p -> assertThat(p.proposal().result().score().total()).isEqualByComparingTo("90.00"));
    }

    private static CallCopy call(LocalDate starts, LocalDate ends, LocalDate reopenedUntil) {
        return new CallCopy("sjs-2023", "批次", Map.of(), Map.of(), null, null, 1, starts, ends, reopenedUntil, null);
    }

    private static Instant beijing(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ResultRules.ZONE).toInstant();
    }

    @Test
    void reviewsAreTakenFromTheFirstToTheEndOfTheLastDayOfTheReviewPeriodInBeijingTime() {
        CallCopy call = call(LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 15), null);
        ResultRules.requireReviewOpen(call, beijing("2023-07-01T00:00:00"));
        ResultRules.requireReviewOpen(call, beijing("2023-08-15T23:59:59"));
        assertThatThrownBy(() -> ResultRules.requireReviewOpen(call, beijing("2023-06-30T23:59:59")))
                .isInstanceOfSatisfying(ResultRules.ReviewPeriodClosed.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("review.period-closed");
                    assertThat(e.args()).contains("2023-07-01", "2023-08-15");
                });
        assertThatThrownBy(() -> ResultRules.requireReviewOpen(call, beijing("2023-08-16T00:00:00")))
                .isInstanceOf(ResultRules.ReviewPeriodClosed.class);
        // 2023-08-15T16:00Z is already the 16th in Beijing
        assertThatThrownBy(() -> ResultRules.requireReviewOpen(call, Instant.parse("2023-08-15T16:00:00Z")))
                .isInstanceOf(ResultRules.ReviewPeriodClosed.class);
    }

    @Test
    void aReopenedReviewTakesScoresUntilTheEndOfTheDayItWasReopenedTo() {
        CallCopy reopened = call(LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 15), LocalDate.of(2023, 9, 1));
        ResultRules.requireReviewOpen(reopened, beijing("2023-09-01T23:59:59"));
        assertThatThrownBy(() -> ResultRules.requireReviewOpen(reopened, beijing("2023-09-02T00:00:00")))
                .isInstanceOfSatisfying(ResultRules.ReviewPeriodClosed.class,
                        e -> assertThat(e.code()).isEqualTo("review.period-closed-reopened"));
    }
}
