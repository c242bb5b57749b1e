package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tsbase.scoring.rubric.EvidenceProblem.Kind;

/**
 * RUBRICS.md: a count above its whole, or a whole of 0 that a ratio divides by, is invalid input; so are
 * negative counts and values of the wrong type. Absent answers are not invalid: a draft may be incomplete.
 */
class EvidenceValidationTest {

    private static final RubricDefinition POINT = BundledRubrics.load(BundledRubrics.POINT_2023);
    private static final RubricDefinition ZONE = BundledRubrics.load(BundledRubrics.ZONE_2023);
    private static final RubricEngine ENGINE = new RubricEngine();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # row                                                          | type  | evidence                                                      | field                           | kind
            more trained staff than staff is refused                       | POINT | totalStaff=30; trainedStaff=31                                | trainedStaff                    | PART_EXCEEDS_WHOLE
            more college-degree full-time staff than full-time staff       | POINT | fullTimeStaff=1; fullTimeStaffWithCollegeDegree=2             | fullTimeStaffWithCollegeDegree  | PART_EXCEEDS_WHOLE
            more visited enterprises than enterprises in the park          | ZONE  | enterprisesInPark=100; enterprisesVisited=101                 | enterprisesVisited              | PART_EXCEEDS_WHOLE
            more trained enterprises than enterprises in the park          | ZONE  | enterprisesInPark=10; enterprisesTrained=11                   | enterprisesTrained              | PART_EXCEEDS_WHOLE
            more enterprises doing protection than in the park             | ZONE  | enterprisesInPark=10; enterprisesDoingProtection=12           | enterprisesDoingProtection      | PART_EXCEEDS_WHOLE
            a park of 0 enterprises cannot give ratios                     | ZONE  | enterprisesInPark=0                                           | enterprisesInPark               | ZERO_DIVISOR
            a zone without enterprisesInPark cannot give ratios            | ZONE  |                                                               | enterprisesInPark               | ZERO_DIVISOR
            a negative count is refused                                    | POINT | partTimeStaff=-1                                              | partTimeStaff                   | NEGATIVE
            a negative budget is refused                                   | POINT | annualBudgetYuan=-5                                           | annualBudgetYuan                | NEGATIVE
            a negative park size is refused                                | ZONE  | enterprisesInPark=-3                                          | enterprisesInPark               | NEGATIVE
            a count with decimals is refused                               | POINT | casesAssisted=1.5                                             | casesAssisted                   | NOT_A_WHOLE_NUMBER
            a yes/no answer given as text is refused                       | POINT | liaisonDesignated=yes                                         | liaisonDesignated               | WRONG_TYPE
            a count given as text is refused                               | ZONE  | enterprisesInPark=100; enterprisesVisited=many                | enterprisesVisited              | WRONG_TYPE
            an object given as a yes/no answer is refused                  | POINT | leadershipBody=true                                           | leadershipBody                  | WRONG_TYPE
            a mechanism outside API.md's list is refused                   | POINT | mechanisms=[PERSONNEL, FIREWALL]                              | mechanisms[1]                   | UNKNOWN_CODE
            a zone mechanism in a point application is refused             | POINT | mechanisms=[OPERATIONS]                                       | mechanisms[0]                   | UNKNOWN_CODE
            a training that is not an object {date, ledger} is refused     | POINT | trainings=[2026/01/10]                                        | trainings[0]                    | WRONG_TYPE
            """)
    void invalidEvidenceIsRefused(String row, RubricType type, String evidence, String field, Kind kind) {
        RubricDefinition rubric = type == RubricType.POINT ? POINT : ZONE;

        assertThatThrownBy(() -> ENGINE.score(rubric, TestEvidence.parse(evidence), TestEvidence.PERIOD))
                .isInstanceOfSatisfying(InvalidEvidenceException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.kind()).isEqualTo(kind);
                            assertThat(p.messageZh()).isNotBlank();
                        }));
    }

    @Test
    void malformedAndImpossibleDatesAreRefused() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("inspections", List.of(Map.of("date", "2026/01/10", "ledger", true),
                Map.of("date", "2026-02-30", "ledger", true), Map.of("date", 20260110, "ledger", true)));

        assertThatThrownBy(() -> ENGINE.score(POINT, evidence, TestEvidence.PERIOD))
                .isInstanceOfSatisfying(InvalidEvidenceException.class, e -> assertThat(e.problems())
                        .extracting(EvidenceProblem::field, EvidenceProblem::kind)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("inspections[0].date", Kind.BAD_DATE),
                                org.assertj.core.groups.Tuple.tuple("inspections[1].date", Kind.BAD_DATE),
                                org.assertj.core.groups.Tuple.tuple("inspections[2].date", Kind.BAD_DATE)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyProblemIsListedNotJustTheFirst() {
        Map<String, Object> evidence = TestEvidence.parse("enterprisesInPark=0; enterprisesVisited=5; "
                + "rightsCasesHelped=-1; rightsWindow=1; events=[2026-01-10 ledger]");
        ((Map<String, Object>) ((List<?>) evidence.get("events")).get(0)).put("attendees", -4);

        assertThatThrownBy(() -> ENGINE.score(ZONE, evidence, TestEvidence.PERIOD))
                .isInstanceOfSatisfying(InvalidEvidenceException.class, e -> assertThat(e.problems())
                        .extracting(EvidenceProblem::field)
                        .containsExactlyInAnyOrder("events[0].attendees", "rightsCasesHelped", "rightsWindow",
                                "enterprisesVisited", "enterprisesInPark"));
    }

    @Test
    void aPointWithNoStaffDeclaredIsNotInvalid() {
        // totalStaff is the whole of trainedStaff, but no rule divides by it: 0 of 0 simply earns no P7(1)
        ScoreResult result = ENGINE.score(POINT, TestEvidence.parse("totalStaff=0; trainedStaff=0"), TestEvidence.PERIOD);

        assertThat(result.total()).isEqualByComparingTo("0");
    }

    @Test
    void missingBooleansAreFalseAndMissingCountsZero() {
        ScoreResult result = ENGINE.score(POINT, Map.of(), TestEvidence.PERIOD);

        ItemScore p11 = result.criterion("P1").orElseThrow().items().get(0);
        assertThat(p11.evidenceRead()).containsEntry("leadershipBody.established", false)
                .containsEntry("leadershipBody.ledByPrincipal", false);
        ItemScore p21 = result.criterion("P2").orElseThrow().items().get(0);
        assertThat(p21.evidenceRead()).containsEntry("partTimeStaff", 0L).containsEntry("fullTimeStaff", 0L);
        assertThat(result.total()).isEqualByComparingTo("0");
    }

    @Test
    void anUndatedTrainingDoesNotCountButIsNotInvalid() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("trainings", List.of(Map.of("ledger", true), Map.of("date", "2026-01-10", "ledger", true),
                Map.of("date", "2026-02-10", "ledger", true)));

        ScoreResult result = ENGINE.score(POINT, evidence, TestEvidence.PERIOD);

        assertThat(result.criterion("P6").orElseThrow().items().get(3).evidenceRead())
                .containsEntry("trainingsWithLedgerInPeriod", 2L);
    }

    @Test
    void nullValuesCountAsAbsent() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("liaisonDesignated", null);
        evidence.put("partTimeStaff", null);
        evidence.put("annualPlan", null);

        assertThat(ENGINE.score(POINT, evidence, TestEvidence.PERIOD).total()).isEqualByComparingTo("0");
    }

    @Test
    void exactDecimalsFromAnyJsonNumberType() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("enterprisesInPark", 30L);
        evidence.put("enterprisesVisited", new java.math.BigDecimal("6.0"));
        evidence.put("enterprisesGuided", 3.0d);

        ScoreResult result = ENGINE.score(ZONE, evidence, TestEvidence.PERIOD);

        assertThat(result.criterion("Z7").orElseThrow().automaticPoints()).isEqualByComparingTo("12");
    }
}
