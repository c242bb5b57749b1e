package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RUBRICS.md "Scoring model": reviewer mean, bonus cap, pass mark, decimals, reviewer flags. */
class ScoringModelTest {

    private static final RubricDefinition POINT = BundledRubrics.load(BundledRubrics.POINT_2023);
    private static final RubricEngine ENGINE = new RubricEngine();
    private static final String ALL_BONUS = "totalStaff=10; trainedStaff=10; internalPublicity=true; partTimeStaff=4; "
            + "legalServiceCooperation=true; improvedAfterRiskAssessment=true; inspectionFindingsFixed=true; "
            + "casesAssisted=1; handbookPublished=true; talentExchange=true";

    @Test
    void bonusCappedAt10() {
        ScoreResult result = score(ALL_BONUS, Map.of());

        assertThat(result.criterion("P7").orElseThrow().automaticPoints()).isEqualByComparingTo("18");
        assertThat(result.bonusBeforeCap()).isEqualByComparingTo("18");
        assertThat(result.bonus()).isEqualByComparingTo("10");
        // partTimeStaff=4 also earns P2(1) 5 points of base
        assertThat(result.base()).isEqualByComparingTo("5");
        assertThat(result.total()).isEqualByComparingTo("15");
    }

    @Test
    void bonusBelowTheCapCountsInFull() {
        ScoreResult result = score("internalPublicity=true; talentExchange=true; handbookPublished=true", Map.of());

        assertThat(result.bonus()).isEqualByComparingTo("6");
        assertThat(result.total()).isEqualByComparingTo("6");
    }

    @Test
    void reviewerMeanReplacesAutomatic() {
        ScoreResult result = score("leadershipBody.established=true; leadershipBody.ledByPrincipal=true; "
                + "office.established=true; office.dutiesDefined=true", Map.of("P1", List.of(
                        review("张三", "6"), review("李四", "7"))));

        CriterionScore p1 = result.criterion("P1").orElseThrow();
        assertThat(p1.automaticPoints()).isEqualByComparingTo("10");
        assertThat(p1.finalPoints()).isEqualTo(new BigDecimal("6.50"));
        assertThat(p1.reviewed()).isTrue();
        assertThat(p1.reviews()).extracting(ReviewerScore::reviewer).containsExactly("张三", "李四");
        assertThat(result.base()).isEqualByComparingTo("6.50");
    }

    @Test
    void aCriterionNoReviewerScoredKeepsItsAutomaticScore() {
        ScoreResult result = score("liaisonDesignated=true", Map.of("P1", List.of(review("张三", "3"))));

        CriterionScore p2 = result.criterion("P2").orElseThrow();
        assertThat(p2.reviewed()).isFalse();
        assertThat(p2.finalPoints()).isEqualByComparingTo("5");
        assertThat(result.base()).isEqualByComparingTo("8");
    }

    @Test
    void aReviewerScoreOfZeroStillReplacesTheAutomaticScore() {
        ScoreResult result = score("liaisonDesignated=true", Map.of("P2", List.of(review("张三", "0"))));

        assertThat(result.criterion("P2").orElseThrow().finalPoints()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mean of 1, 1 and 2 is 1.33                              | 1, 1, 2       | 1.33
            mean of 2, 2 and 1 is 1.67                              | 2, 2, 1       | 1.67
            mean of 1.00 and 1.01 is 1.005, rounded HALF_UP to 1.01 | 1.00, 1.01    | 1.01
            mean of 2.5 and 2.5 and 2.51 is 2.50                    | 2.5, 2.5, 2.51 | 2.50
            """)
    void reviewerMeanHasTwoDecimalsRoundedHalfUp(String row, String points, String expected) {
        List<ReviewerScore> reviews = new java.util.ArrayList<>();
        String[] values = points.split(",");
        for (int i = 0; i < values.length; i++) {
            reviews.add(review("reviewer-" + i, values[i].strip()));
        }

        BigDecimal finalPoints = score("", Map.of("P1", reviews)).criterion("P1").orElseThrow().finalPoints();

        assertThat(finalPoints).isEqualTo(new BigDecimal(expected));
    }

    static Stream<Arguments> passMark() {
        return Stream.of(
                Arguments.of("total 80.00 passes", "10", true, "80.00"),
                Arguments.of("total 79.99 fails", "9.99", false, "79.99"),
                Arguments.of("total 80.01 passes", "10", true, "80.01"));
    }

    /** Reviewers score P6 30, P4 15, P5 15, P1 10 and P2 as given; P3 0; bonus from one reviewer of P7. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void passMark(String row, String p2, boolean passed, String total) {
        Map<String, List<ReviewerScore>> reviews = new LinkedHashMap<>();
        reviews.put("P6", List.of(review("r", "30")));
        reviews.put("P4", List.of(review("r", "15")));
        reviews.put("P5", List.of(review("r", "15")));
        reviews.put("P1", List.of(review("r", "10")));
        reviews.put("P2", List.of(review("r", p2)));
        if (total.equals("80.01")) {
            reviews.put("P7", List.of(review("r", "0.01")));
        }

        ScoreResult result = score("", reviews);

        assertThat(result.total()).isEqualTo(new BigDecimal(total));
        assertThat(result.passed()).isEqualTo(passed);
        assertThat(result.passMark()).isEqualTo(new BigDecimal("80.00"));
    }

    @Test
    void aReviewedBonusIsCappedToo() {
        ScoreResult result = score(ALL_BONUS, Map.of("P7", List.of(review("张三", "8"), review("李四", "10"))));

        assertThat(result.criterion("P7").orElseThrow().finalPoints()).isEqualByComparingTo("9");
        assertThat(result.bonus()).isEqualByComparingTo("9");
    }

    @Test
    void theActivitiesCriterionIsCarriedForRanking() {
        ScoreResult result = score("secretsInventoryDone=true; rulesAnnounced=true", Map.of());

        assertThat(result.activitiesPoints()).isEqualByComparingTo("8");
        assertThat(result.rubricId()).isEqualTo("sjs-point-2023");
        assertThat(result.rubricVersion()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            P6 (max 30) reviewers 10 and 25 differ by exactly half: no flag    | P6 | 10 | 25    | false
            P6 (max 30) reviewers 10 and 25.01 differ by more than half: flag  | P6 | 10 | 25.01 | true
            P1 (max 10) reviewers 2 and 8 differ by 6: flag                    | P1 | 2  | 8     | true
            P1 (max 10) reviewers 4 and 4 agree: no flag                       | P1 | 4  | 4     | false
            """)
    void reviewerSpreadOverHalfTheMaxIsFlagged(String row, String criterion, String a, String b, boolean flagged) {
        ScoreResult result = score("", Map.of(criterion, List.of(review("张三", a), review("李四", b))));

        assertThat(result.criterion(criterion).orElseThrow().flags().contains(CriterionFlag.REVIEWER_SPREAD))
                .isEqualTo(flagged);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            P1 automatic 10, reviewer 5: departs by exactly half, no reason needed        | P1 | 5    | false
            P1 automatic 10, reviewer 4.99: departs by more than half, a reason is needed | P1 | 4.99 | true
            P7 automatic 18 counts as 10 (the max); reviewer 5 needs no reason            | P7 | 5    | false
            P7 automatic 18 counts as 10 (the max); reviewer 4 needs a reason             | P7 | 4    | true
            P3 automatic 0, reviewer 5.01 of 10 needs a reason                            | P3 | 5.01 | true
            """)
    void aReviewerDepartingByMoreThanHalfTheMaxMustGiveAReason(String row, String criterionId, String points,
            boolean required) {
        ScoreResult automatic = score(ALL_BONUS + "; leadershipBody.established=true; leadershipBody.ledByPrincipal=true; "
                + "office.established=true; office.dutiesDefined=true", Map.of());
        CriterionDefinition criterion = POINT.criterion(criterionId).orElseThrow();
        BigDecimal auto = automatic.criterion(criterionId).orElseThrow().automaticPoints();

        assertThat(RubricEngine.reasonRequired(POINT, criterion, auto, new BigDecimal(points))).isEqualTo(required);
        List<String> withoutComment = RubricEngine.reviewProblems(POINT, automatic, criterionId,
                new ReviewerScore("张三", new BigDecimal(points), " "));
        assertThat(withoutComment).hasSize(required ? 1 : 0);
        assertThat(RubricEngine.reviewProblems(POINT, automatic, criterionId,
                new ReviewerScore("张三", new BigDecimal(points), "现场核查台账不全"))).isEmpty();

        ScoreResult reviewed = ENGINE.score(POINT, TestEvidence.parse(ALL_BONUS + "; leadershipBody.established=true; "
                + "leadershipBody.ledByPrincipal=true; office.established=true; office.dutiesDefined=true"),
                TestEvidence.PERIOD, Map.of(criterionId, List.of(review("张三", points))));
        assertThat(reviewed.criterion(criterionId).orElseThrow().flags()
                .contains(CriterionFlag.REVIEWER_DEPARTS_FROM_AUTOMATIC)).isEqualTo(required);
    }

    @Test
    void reviewProblemsNameEveryMistake() {
        ScoreResult automatic = score("", Map.of());

        assertThat(RubricEngine.reviewProblems(POINT, automatic, "P9", review("张三", "1")))
                .containsExactly("criterion P9 is not part of rubric sjs-point-2023");
        assertThat(RubricEngine.reviewProblems(POINT, automatic, "P1", new ReviewerScore("", new BigDecimal("10.5"), "x")))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("not named"))
                .anySatisfy(p -> assertThat(p).contains("between 0 and 10"));
        assertThat(RubricEngine.reviewProblems(POINT, automatic, "P1", review("张三", "1.234")))
                .singleElement().asString().contains("at most 2 decimals");
    }

    @Test
    void scoringRefusesReviewerScoresThatDoNotFitTheRubric() {
        Map<String, List<ReviewerScore>> reviews = new LinkedHashMap<>();
        reviews.put("P1", List.of(review("张三", "11")));
        reviews.put("P2", List.of(review("李四", "-1")));
        reviews.put("Z7", List.of(review("王五", "3")));

        assertThatThrownBy(() -> score("", reviews))
                .isInstanceOfSatisfying(InvalidReviewException.class, e -> assertThat(e.reasons()).containsExactly(
                        "P1: points must be between 0 and 10, found 11",
                        "P2: points must be between 0 and 10, found -1",
                        "criterion Z7 is not part of rubric sjs-point-2023"));
    }

    @Test
    void aReviewersLaterScoreReplacesTheEarlierOne() {
        ScoreResult result = score("", Map.of("P1", List.of(review("张三", "2"), review("李四", "4"), review("张三", "8"))));

        CriterionScore p1 = result.criterion("P1").orElseThrow();
        assertThat(p1.reviews()).extracting(ReviewerScore::reviewer).containsExactly("李四", "张三");
        assertThat(p1.finalPoints()).isEqualByComparingTo("6");
    }

    @Test
    void emptyEvidenceScoresNothingAndFails() {
        ScoreResult result = score("", Map.of());

        assertThat(result.total()).isEqualTo(new BigDecimal("0.00"));
        assertThat(result.passed()).isFalse();
        assertThat(result.criteria()).extracting(CriterionScore::id)
                .containsExactly("P1", "P2", "P3", "P4", "P5", "P6", "P7");
        assertThat(result.criteria()).allSatisfy(c -> assertThat(c.finalPoints()).isEqualTo(new BigDecimal("0.00")));
    }

    private static ScoreResult score(String evidence, Map<String, List<ReviewerScore>> reviews) {
        return ENGINE.score(POINT, TestEvidence.parse(evidence), TestEvidence.PERIOD, reviews);
    }

    private static ReviewerScore review(String reviewer, String points) {
        return new ReviewerScore(reviewer, new BigDecimal(points), "意见");
    }
}
