package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tsbase.scoring.rubric.EvidenceProblem.Kind;

/**
 * Scores an application's evidence against a rubric: a pure function of rubric, evidence, assessment
 * period and reviewer scores, with no clock, storage or I/O. Stateless and thread-safe.
 *
 * <p>Per criterion: automatic points are the sum of the sub-items whose rule holds; the final points are
 * the mean of the reviewer scores when any reviewer scored it, else the automatic points. Base is the sum
 * of the non-bonus finals, bonus is {@code min(sum of bonus finals, bonusCap)}, total is base + bonus and
 * the application passed when total >= pass mark. Amounts are decimals with 2 places, rounded HALF_UP.
 */
public final class RubricEngine {

    private static final int SCALE = 2;
    private static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    private static final int COMPILED_KEPT = 32;

    /** By identity: hashing a whole definition on every score would cost more than compiling it. */
    private final Map<RubricDefinition, Map<String, Rule>> compiled = new java.util.IdentityHashMap<>();

    /** Scores without reviewer scores: every criterion's final is its automatic score. */
    public ScoreResult score(RubricDefinition rubric, Map<String, ?> evidence, AssessmentPeriod period) {
        return score(rubric, evidence, period, Map.of());
    }

    /**
     * Scores evidence.
     *
     * @param evidence           JSON-shaped evidence with API.md's field names (Boolean, Number, String,
     *                           List, Map); for a ZONE rubric the caller adds the organisation's
     *                           {@code enterprisesInPark}
     * @param period             the call's assessment period
     * @param reviewsByCriterion criterion id → reviewer scores (one per reviewer; if a reviewer appears
     *                           twice, the later entry counts)
     * @throws InvalidEvidenceException every problem of the evidence
     * @throws InvalidReviewException   reviewer scores for unknown criteria or out of 0..max
     * @throws InvalidRubricException   a rubric built by hand whose rules do not compile
     */
    public ScoreResult score(RubricDefinition rubric, Map<String, ?> evidence, AssessmentPeriod period,
            Map<String, List<ReviewerScore>> reviewsByCriterion) {
        Map<String, Rule> rules = compiled(rubric);
        Map<String, List<ReviewerScore>> reviews = checkedReviews(rubric, reviewsByCriterion);
        Set<String> divisors = new LinkedHashSet<>();
        rules.values().forEach(r -> divisors.addAll(r.divisorFacts()));
        EvidenceReader.Facts facts = EvidenceReader.read(rubric.type(), evidence, period, divisors);

        List<EvidenceProblem> problems = new ArrayList<>();
        List<CriterionScore> lines = new ArrayList<>();
        BigDecimal base = zero();
        BigDecimal bonusBeforeCap = zero();
        BigDecimal activities = zero();
        for (CriterionDefinition criterion : rubric.criteria()) {
            List<ItemScore> items = new ArrayList<>();
            BigDecimal automatic = zero();
            for (ItemDefinition item : criterion.items()) {
                ItemScore scored = scoreItem(item, rules.get(item.id()), facts, problems);
                items.add(scored);
                automatic = automatic.add(scored.pointsAwarded());
            }
            List<ReviewerScore> criterionReviews = reviews.getOrDefault(criterion.id(), List.of());
            BigDecimal finalPoints = criterionReviews.isEmpty() ? automatic : mean(criterionReviews);
            Set<CriterionFlag> flags = flags(rubric.reviewPolicy(), criterion, automatic, criterionReviews);
            lines.add(new CriterionScore(criterion.id(), criterion.title(), criterion.max(), criterion.bonus(), automatic,
                    items, criterionReviews, finalPoints, !criterionReviews.isEmpty(), flags));
            if (criterion.bonus()) {
                bonusBeforeCap = bonusBeforeCap.add(finalPoints);
            } else {
                base = base.add(finalPoints);
            }
            if (criterion.id().equals(rubric.activitiesCriterion())) {
                activities = finalPoints;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEvidenceException(problems);
        }
        BigDecimal bonus = bonusBeforeCap.min(rubric.bonusCap()).setScale(SCALE, ROUNDING);
        BigDecimal total = base.add(bonus);
        return new ScoreResult(rubric.id(), rubric.version(), rubric.type(), lines, base, bonusBeforeCap,
                rubric.bonusCap().setScale(SCALE, ROUNDING), bonus, total, rubric.passMark().setScale(SCALE, ROUNDING),
                total.compareTo(rubric.passMark()) >= 0, activities);
    }

    /**
     * Whether a reviewer's score departs from the automatic score by more than the rubric's share (half) of
     * the criterion max, so that the reviewer must give a reason. For the bonus criterion the automatic
     * score is taken up to the criterion max, since a reviewer cannot score above it.
     */
    public static boolean reasonRequired(RubricDefinition rubric, CriterionDefinition criterion,
            BigDecimal automaticPoints, BigDecimal reviewerPoints) {
        return departs(rubric.reviewPolicy(), criterion.max(), automaticPoints, reviewerPoints);
    }

    /**
     * Everything wrong with a reviewer score for a criterion, given the current result (empty if it can
     * be accepted): unknown criterion, points outside 0..max or with more than 2 decimals, no reviewer,
     * or no comment where {@link #reasonRequired} says a reason is needed.
     */
    public static List<String> reviewProblems(RubricDefinition rubric, ScoreResult current, String criterionId,
            ReviewerScore review) {
        List<String> problems = new ArrayList<>();
        CriterionDefinition criterion = rubric.criterion(criterionId).orElse(null);
        if (criterion == null) {
            problems.add("criterion " + criterionId + " is not part of rubric " + rubric.id());
            return problems;
        }
        checkReview(criterion, review, problems);
        if (problems.isEmpty()) {
            BigDecimal automatic = current.criterion(criterionId).map(CriterionScore::automaticPoints).orElse(zero());
            if (reasonRequired(rubric, criterion, automatic, review.points())
                    && (review.comment() == null || review.comment().isBlank())) {
                problems.add(criterionId + ": a score of " + review.points().toPlainString()
                        + " departs from the automatic " + automatic.toPlainString()
                        + " by more than the rubric allows without a reason; give a comment");
            }
        }
        return problems;
    }

    private static ItemScore scoreItem(ItemDefinition item, Rule rule, EvidenceReader.Facts facts,
            List<EvidenceProblem> problems) {
        if (rule == null) {
            return new ItemScore(item.id(), item.text(), "", true, item.points(), zero(), Map.of());
        }
        Map<String, Object> read = new LinkedHashMap<>();
        rule.factNames().forEach(name -> read.put(name, facts.shown().get(name)));
        boolean holds;
        try {
            holds = rule.test(facts.values()::get);
        } catch (ArithmeticException e) {
            problems.add(new EvidenceProblem(item.id(), Kind.ZERO_DIVISOR,
                    item.id() + ": the rule '" + rule.source() + "' divides by 0 with this evidence",
                    item.id() + "：规则 '" + rule.source() + "' 的除数为 0"));
            holds = false;
        }
        return new ItemScore(item.id(), item.text(), rule.source(), false, item.points(),
                holds ? item.points() : zero(), java.util.Collections.unmodifiableMap(read));
    }

    /**
     * The rules of a rubric, compiled once per definition object: a service scores with the few definitions its
     * catalog holds, a replay thousands of times with the same one. Rules are immutable.
     */
    private Map<String, Rule> compiled(RubricDefinition rubric) {
        synchronized (compiled) {
            Map<String, Rule> rules = compiled.get(rubric);
            if (rules == null) {
                if (compiled.size() >= COMPILED_KEPT) {
                    compiled.clear();
                }
                rules = compile(rubric);
                compiled.put(rubric, rules);
            }
            return rules;
        }
    }

    private static Map<String, Rule> compile(RubricDefinition rubric) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (CriterionDefinition criterion : rubric.criteria()) {
            for (ItemDefinition item : criterion.items()) {
                item.automaticRule().ifPresent(source -> {
                    try {
                        rules.put(item.id(), Rule.compile(source, rubric.type()));
                    } catch (RuleSyntaxException e) {
                        reasons.add(item.id() + " rule '" + source + "': " + e.getMessage());
                    }
                });
            }
        }
        if (!reasons.isEmpty()) {
            throw new InvalidRubricException(reasons);
        }
        return java.util.Collections.unmodifiableMap(rules);
    }

    private static Map<String, List<ReviewerScore>> checkedReviews(RubricDefinition rubric,
            Map<String, List<ReviewerScore>> reviewsByCriterion) {
        Map<String, List<ReviewerScore>> result = new LinkedHashMap<>();
        if (reviewsByCriterion == null) {
            return result;
        }
        List<String> problems = new ArrayList<>();
        reviewsByCriterion.forEach((criterionId, scores) -> {
            CriterionDefinition criterion = rubric.criterion(criterionId).orElse(null);
            if (criterion == null) {
                problems.add("criterion " + criterionId + " is not part of rubric " + rubric.id());
                return;
            }
            Map<String, ReviewerScore> byReviewer = new LinkedHashMap<>();
            for (ReviewerScore score : scores == null ? List.<ReviewerScore>of() : scores) {
                int before = problems.size();
                checkReview(criterion, score, problems);
                if (problems.size() == before) {
                    byReviewer.remove(score.reviewer());
                    byReviewer.put(score.reviewer(), new ReviewerScore(score.reviewer(),
                            score.points().setScale(SCALE, ROUNDING), score.comment()));
                }
            }
            if (!byReviewer.isEmpty()) {
                result.put(criterionId, List.copyOf(byReviewer.values()));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidReviewException(problems);
        }
        return result;
    }

    private static void checkReview(CriterionDefinition criterion, ReviewerScore score, List<String> problems) {
        if (score == null) {
            problems.add(criterion.id() + ": empty reviewer score");
            return;
        }
        if (score.reviewer() == null || score.reviewer().isBlank()) {
            problems.add(criterion.id() + ": the reviewer is not named");
        }
        BigDecimal points = score.points();
        if (points == null) {
            problems.add(criterion.id() + ": points are missing");
        } else if (points.signum() < 0 || points.compareTo(criterion.max()) > 0) {
            problems.add(criterion.id() + ": points must be between 0 and " + criterion.max().stripTrailingZeros()
                    .toPlainString() + ", found " + points.toPlainString());
        } else if (points.stripTrailingZeros().scale() > SCALE) {
            problems.add(criterion.id() + ": points may have at most 2 decimals, found " + points.toPlainString());
        }
    }

    private static Set<CriterionFlag> flags(ReviewPolicy policy, CriterionDefinition criterion, BigDecimal automatic,
            List<ReviewerScore> reviews) {
        Set<CriterionFlag> flags = EnumSet.noneOf(CriterionFlag.class);
        if (reviews.isEmpty()) {
            return flags;
        }
        BigDecimal highest = reviews.stream().map(ReviewerScore::points).reduce(BigDecimal::max).orElseThrow();
        BigDecimal lowest = reviews.stream().map(ReviewerScore::points).reduce(BigDecimal::min).orElseThrow();
        if (highest.subtract(lowest).compareTo(policy.spreadFlagShare().multiply(criterion.max())) > 0) {
            flags.add(CriterionFlag.REVIEWER_SPREAD);
        }
        if (reviews.stream().anyMatch(r -> departs(policy, criterion.max(), automatic, r.points()))) {
            flags.add(CriterionFlag.REVIEWER_DEPARTS_FROM_AUTOMATIC);
        }
        return flags;
    }

    private static boolean departs(ReviewPolicy policy, BigDecimal max, BigDecimal automatic, BigDecimal reviewer) {
        BigDecimal reference = automatic.min(max);
        return reviewer.subtract(reference).abs().compareTo(policy.reasonRequiredShare().multiply(max)) > 0;
    }

    private static BigDecimal mean(List<ReviewerScore> reviews) {
        BigDecimal sum = reviews.stream().map(ReviewerScore::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(reviews.size()), SCALE, ROUNDING);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }
}
