package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rubrics are exactly RUBRICS.md's reference allocation. */
class BundledRubricsTest {

    private static final RubricDefinition POINT = BundledRubrics.load(BundledRubrics.POINT_2023);
    private static final RubricDefinition ZONE = BundledRubrics.load(BundledRubrics.ZONE_2023);

    @Test
    void bothRubricsDeclareBase90BonusCap10PassMark80() {
        for (RubricDefinition rubric : List.of(POINT, ZONE)) {
            assertThat(rubric.version()).isEqualTo(1);
            assertThat(rubric.baseMax()).isEqualByComparingTo("90");
            assertThat(rubric.bonusCap()).isEqualByComparingTo("10");
            assertThat(rubric.passMark()).isEqualByComparingTo("80");
            assertThat(rubric.reviewPolicy().spreadFlagShare()).isEqualByComparingTo("0.5");
            assertThat(rubric.reviewPolicy().reasonRequiredShare()).isEqualByComparingTo("0.5");
        }
        assertThat(POINT.type()).isEqualTo(RubricType.POINT);
        assertThat(POINT.activitiesCriterion()).isEqualTo("P6");
        assertThat(ZONE.type()).isEqualTo(RubricType.ZONE);
        assertThat(ZONE.activitiesCriterion()).isEqualTo("Z7");
    }

    @ParameterizedTest(name = "{0} {1} ({2}){3}")
    @CsvSource(delimiter = '|', textBlock = """
            P1 | 组织机构到位               | 10 |        | 5 5
            P2 | 人员配备合理               | 10 |        | 5 5
            P3 | 基础保障有力               | 10 |        | 4 3 3
            P4 | 制度建设完备               | 15 |        | 2.5 2.5 2.5 2.5 2.5 2.5
            P5 | 年度计划完备               | 15 |        | 7 2 2 2 2
            P6 | 活动开展有效               | 30 |        | 4 4 4 5 5 4 4
            P7 | 若示范效果突出可酌情加分   | 10 | bonus  | 2 2 2 2 2 2 2 2 2 2
            Z1 | 工作基础扎实               | 10 |        | 5 5
            Z2 | 组织机构到位               | 10 |        | 5 5
            Z3 | 人员配置合理               | 5  |        | 3 2
            Z4 | 基础保障有力               | 5  |        | 2 1 2
            Z5 | 制度建设完备               | 15 |        | 5 5 5
            Z6 | 年度计划完备               | 15 |        | 7 2 2 2 2
            Z7 | 活动开展有效               | 30 |        | 6 6 6 6 6
            Z8 | 若示范效果突出可酌情加分   | 10 | bonus  | 2 2 2 2 2 2 2 2 2 2
            """)
    void criterionAsInTheReferenceAllocation(String id, String title, BigDecimal max, String bonus, String points) {
        RubricDefinition rubric = id.startsWith("P") ? POINT : ZONE;
        CriterionDefinition criterion = rubric.criterion(id).orElseThrow();

        assertThat(criterion.title()).isEqualTo(title);
        assertThat(criterion.max()).isEqualByComparingTo(max);
        assertThat(criterion.bonus()).isEqualTo("bonus".equals(bonus));
        assertThat(criterion.items()).extracting(ItemDefinition::points).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(Arrays.stream(points.split(" ")).map(BigDecimal::new).toList());
        for (int i = 0; i < criterion.items().size(); i++) {
            assertThat(criterion.items().get(i).id()).isEqualTo(id + "." + (i + 1));
        }
    }

    @Test
    void onlyTheTenthBonusItemIsForReviewersOnly() {
        for (RubricDefinition rubric : List.of(POINT, ZONE)) {
            assertThat(rubric.criteria().stream().flatMap(c -> c.items().stream()).filter(ItemDefinition::reviewerOnly))
                    .extracting(ItemDefinition::id, ItemDefinition::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            rubric == POINT ? "P7.10" : "Z8.10", "（10）其他加分情况"));
        }
    }

    @Test
    void everyAutomaticItemHasARuleAndChineseText() {
        for (RubricDefinition rubric : List.of(POINT, ZONE)) {
            rubric.criteria().stream().flatMap(c -> c.items().stream()).filter(i -> !i.reviewerOnly())
                    .forEach(item -> {
                        assertThat(item.automaticRule()).as(item.id()).isPresent();
                        assertThat(item.text()).as(item.id()).containsPattern("\\p{IsHan}");
                    });
        }
    }

    @Test
    void theRulesUseOnlyCatalogueFacts() {
        assertThat(factsUsed(POINT)).containsExactlyInAnyOrder("leadershipBody.established",
                "leadershipBody.ledByPrincipal", "office.established", "office.dutiesDefined", "partTimeStaff",
                "fullTimeStaff", "liaisonDesignated", "fixedOffice", "facilities", "annualBudgetYuan", "mechanisms",
                "annualPlan.exists", "annualPlan.covers", "secretsInventoryDone", "rulesAnnounced", "onboardingTraining",
                "trainingsWithLedgerInPeriod", "ndaSigned", "nonCompeteSigned", "inspectionsWithLedgerInFirstHalf",
                "inspectionsWithLedgerInSecondHalf", "riskAssessment.reportWritten", "riskAssessment.standardUsed",
                "totalStaff", "trainedStaff", "internalPublicity", "fullTimeStaffWithCollegeDegree",
                "legalServiceCooperation", "improvedAfterRiskAssessment", "inspectionFindingsFixed", "casesAssisted",
                "handbookPublished", "talentExchange");
        assertThat(factsUsed(ZONE)).containsExactlyInAnyOrder("enterprisesDoingProtection", "enterprisesInPark",
                "enterprisesMeetingPointStandard", "leadershipBody.established", "leadershipBody.includesEnterprises",
                "office.established", "office.dutiesDefined", "partTimeStaff", "fullTimeStaff", "liaisonDesignated",
                "fixedOffice", "facilities", "annualBudgetYuan", "mechanisms", "annualPlan.exists", "annualPlan.covers",
                "enterprisesVisited", "enterprisesGuided", "eventsWithLedgerInPeriod", "enterprisesTrained",
                "rightsWindow", "enterprisesRiskAssessed", "riskAssessment.reportWritten",
                "fullTimeStaffWithCollegeDegree", "rightsCasesHelped", "legalServiceCooperation", "handbookPublished",
                "infoSharingMechanism");
    }

    @Test
    void theDocumentTextIsWhatIsParsed() {
        assertThat(RubricParser.parse(BundledRubrics.source(BundledRubrics.ZONE_2023))).isEqualTo(ZONE);
        assertThat(BundledRubrics.IDS).containsExactly("sjs-point-2023", "sjs-zone-2023");
    }

    private static List<String> factsUsed(RubricDefinition rubric) {
        return rubric.criteria().stream().flatMap(c -> c.items().stream())
                .flatMap(i -> i.automaticRule().stream())
                .flatMap(source -> {
                    try {
                        return Rule.compile(source, rubric.type()).factNames().stream();
                    } catch (RuleSyntaxException e) {
                        throw new AssertionError(e);
                    }
                })
                .distinct().toList();
    }
}
