package org.tsbase.scoring.sheet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * Everything scoring knows of one application, in one document: the facts of its latest submission (from the
 * event alone), the reviewers' scores, the current result, the append-only history of earlier results, and the
 * outbox. A change of result and its {@code score.computed.v1} event are written in one update of this document.
 *
 * <p>The fields a ranking sorts by are kept beside the result ({@code standing}, {@code rankTotal}, {@code rankBase},
 * {@code rankActivities}, with {@code submittedAt}), derived from it and written in the same update, so that a
 * ranking is read from the {@value #RANKING_INDEX} index in rank order, a page at a time, and its counts from the
 * index alone: no request reads every sheet of a call.
 *
 * @param evidence       the submitted evidence, with the organisation's {@code enterprisesInPark} added for a ZONE
 * @param revision       guards every update (optimistic concurrency)
 * @param standing       derived: where the sheet stands for a ranking
 * @param rankTotal      derived: the current total, as a number the index orders (null without a result)
 * @param rankBase       derived: the current base score
 * @param rankActivities derived: the current points of the activities criterion (P6 / Z7)
 * @param decision       the district's opinion, once given: it freezes {@code result} (see {@link ResultRules})
 * @param proposal       what the application would score now, when that differs from its frozen result
 * @param eligibility    the eligibility flags found at its latest submission, for reviewers (never a refusal)
 */
@Document("scoresheets")
@CompoundIndex(name = ScoreSheet.RANKING_INDEX, def = "{'callId': 1, 'type': 1, 'standing': 1, 'rankTotal': -1, "
        + "'rankBase': -1, 'rankActivities': -1, 'submittedAt': 1, '_id': 1}")
@CompoundIndex(name = ScoreSheet.PARK_INDEX, def = "{'callId': 1, 'type': 1, 'parkCreditCode': 1, 'standing': 1}")
@CompoundIndex(name = ScoreSheet.CALL_TYPE_ID_INDEX, def = "{'callId': 1, 'type': 1, '_id': 1}")
@CompoundIndex(name = ScoreSheet.RECOMMENDED_INDEX, def = "{'callId': 1, 'type': 1, 'decision.recommended': 1}")
public record ScoreSheet(
        @Id String applicationId,
        String callId,
        ApplicationType type,
        @Indexed String creditCode,
        String organizationName,
        String parkCreditCode,
        long applicationVersion,
        Instant submittedAt,
        boolean withdrawn,
        Map<String, Object> evidence,
        List<Review> reviews,
        CurrentResult result,
        List<HistoryEntry> history,
        long revision,
        List<OutboxEntry> outbox,
        Standing standing,
        Double rankTotal,
        Double rankBase,
        Double rankActivities,
        Decision decision,
        Proposal proposal,
        List<EligibilityFlag> eligibility) {

    /** Ranking order within a call and type: {@code callId, type, standing}, then the order of {@code Ranking}. */
    public static final String RANKING_INDEX = "call_type_standing_rank";
    /** Passed POINT applications of a call in one park: the cross-check of a zone's declared figure. */
    public static final String PARK_INDEX = "call_type_park_standing";
    /** Every sheet of a call and type, a page at a time after the last id read: how a replay reads them. */
    public static final String CALL_TYPE_ID_INDEX = "call_type_id";
    /** How many of a call and type the district recommended: the quota used. */
    public static final String RECOMMENDED_INDEX = "call_type_recommended";

    /**
     * Where a sheet stands for a ranking: only {@link #PASSED} sheets are ranked; PASSED and FAILED ones are the scored
     * ones a ranking counts; UNSCORED ones (withdrawn or not) wait for their call or rubric.
     */
    public enum Standing {
        UNSCORED, PASSED, FAILED, WITHDRAWN;

        public static Standing of(boolean withdrawn, CurrentResult result) {
            if (result == null) {
                return UNSCORED;
            }
            if (withdrawn) {
                return WITHDRAWN;
            }
            return result.score().passed() ? PASSED : FAILED;
        }
    }

    /** The ranking fields are derived from {@code withdrawn} and {@code result}, whatever is passed for them. */
    @PersistenceCreator
    public ScoreSheet {
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
        history = history == null ? List.of() : List.copyOf(history);
        outbox = outbox == null ? List.of() : outbox;
        standing = Standing.of(withdrawn, result);
        rankTotal = result == null ? null : number(result.score().total());
        rankBase = result == null ? null : number(result.score().base());
        rankActivities = result == null ? null : number(result.score().activitiesPoints());
        eligibility = eligibility == null ? List.of() : List.copyOf(eligibility);
    }

    /** A sheet with its ranking fields derived. */
    public ScoreSheet(String applicationId, String callId, ApplicationType type, String creditCode,
            String organizationName, String parkCreditCode, long applicationVersion, Instant submittedAt,
            boolean withdrawn, Map<String, Object> evidence, List<Review> reviews, CurrentResult result,
            List<HistoryEntry> history, long revision, List<OutboxEntry> outbox) {
        this(applicationId, callId, type, creditCode, organizationName, parkCreditCode, applicationVersion,
                submittedAt, withdrawn, evidence, reviews, result, history, revision, outbox, null, null, null, null,
                null, null, List.of());
    }

    /** Whether a decision froze the result: later reviews and rescorings become a {@link #proposal()}. */
    public boolean frozen() {
        return decision != null;
    }

    /**
     * The district's opinion (推荐意见) as scoring learns it from the application's events.
     *
     * @param recommended whether the district recommended it
     */
    public record Decision(boolean recommended, String by, Instant at) {
    }

    /**
     * A result computed after the decision, kept beside the frozen one: "would now be …".
     *
     * @param frozenSince when the result it would replace was frozen
     */
    public record Proposal(CurrentResult result, Instant frozenSince) {
    }

    /** As in {@code application.submitted.v1}: something a reviewer should look at. */
    public record EligibilityFlag(String code, String message) {
    }

    /**
     * A score as the ranking index orders it. Amounts have scale 2 and stay far below 2^53 hundredths, so two
     * amounts compare as doubles exactly as they do as decimals.
     */
    static Double number(java.math.BigDecimal amount) {
        return amount == null ? null : amount.doubleValue();
    }

    /** Sets the derived ranking fields for a sheet that will be {@code withdrawn} with {@code result}. */
    static org.springframework.data.mongodb.core.query.Update rankingFields(
            org.springframework.data.mongodb.core.query.Update update, boolean withdrawn, CurrentResult result) {
        return update.set("standing", Standing.of(withdrawn, result))
                .set("rankTotal", result == null ? null : number(result.score().total()))
                .set("rankBase", result == null ? null : number(result.score().base()))
                .set("rankActivities", result == null ? null : number(result.score().activitiesPoints()));
    }

    /** One reviewer's score of one criterion. A reviewer's later review replaces all of that reviewer's scores. */
    public record Review(String reviewer, String criterionId, java.math.BigDecimal points, String comment, Instant at) {
    }

    /**
     * The current result and what caused it.
     *
     * @param cause SUBMISSION, REVIEW or RESCORE
     * @param by    who caused it: a reviewer's subject, an admin's, or the event's id
     */
    public record CurrentResult(ScoreResult score, long applicationVersion, long resultVersion, String cause,
            String by, Instant computedAt) {
    }

    /** An earlier result, kept when a newer one replaced it. */
    public record HistoryEntry(long resultVersion, String rubricId, int rubricVersion, java.math.BigDecimal base,
            java.math.BigDecimal bonus, java.math.BigDecimal total, boolean passed,
            Map<String, java.math.BigDecimal> criteria, String cause, String by, Instant computedAt,
            Instant replacedAt) {
    }
}
