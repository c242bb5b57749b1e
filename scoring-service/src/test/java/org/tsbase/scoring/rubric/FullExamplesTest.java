package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Complete applications as JSON (API.md field names), with totals computed by hand. Assessment period
 * 2025-12-01..2026-11-30 (first half ends 2026-05-31).
 */
class FullExamplesTest {

    private static final RubricEngine ENGINE = new RubricEngine();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /*
     * By hand, sjs-point-2023:
     *   P1 组织机构到位   5 = 5 (body led by the head) + 0 (office without written duties)
     *   P2 人员配备合理  10 = 5 (2 part-time + 1 full-time staff) + 5 (liaison)
     *   P3 基础保障有力   7 = 4 (fixed office) + 0 (no facilities) + 3 (budget 20000)
     *   P4 制度建设完备  10 = 4 mechanisms x 2.5
     *   P5 年度计划完备  13 = 7 (plan) + 3 x 2 (verification, training, risk assessment)
     *   P6 活动开展有效  26 = 4 + 4 + 0 (no onboarding training) + 5 (2 trainings with ledger in the period;
     *                        the one of 2025-11-15 is before it) + 5 + 4 (inspections 03-01 and 09-01, one
     *                        per half) + 4
     *   base = 5 + 10 + 7 + 10 + 13 + 26 = 71
     *   P7 加分 12 = 2 (120 of 120 trained) + 2 (publicity) + 2 (full-time staff with a degree) + 2 (improved)
     *                + 2 (findings fixed) + 2 (handbook); bonus = min(12, 10) = 10
     *   total = 71 + 10 = 81.00 >= 80: passed
     * With two reviewers on P6 (20 and 23): P6 = 21.50, base = 66.50, total = 76.50: not passed.
     */
    private static final String POINT_EVIDENCE = """
            {
              "leadershipBody": {"established": true, "ledByPrincipal": true},
              "office": {"established": true, "dutiesDefined": false},
              "partTimeStaff": 2, "fullTimeStaff": 1, "fullTimeStaffWithCollegeDegree": 1,
              "liaisonDesignated": true,
              "fixedOffice": true, "facilities": false, "annualBudgetYuan": 20000.00,
              "mechanisms": ["PERSONNEL", "DOCUMENTS", "CARRIERS", "INSPECTION"],
              "annualPlan": {"exists": true, "covers": ["VERIFICATION", "TRAINING", "RISK_ASSESSMENT"]},
              "secretsInventoryDone": true, "rulesAnnounced": true, "onboardingTraining": false,
              "trainings": [
                {"date": "2026-01-10", "ledger": true, "attendees": 80},
                {"date": "2026-04-20", "ledger": true, "attendees": 75},
                {"date": "2025-11-15", "ledger": true, "attendees": 60}
              ],
              "ndaSigned": true, "nonCompeteSigned": true,
              "inspections": [{"date": "2026-03-01", "ledger": true}, {"date": "2026-09-01", "ledger": true}],
              "riskAssessment": {"standardUsed": true, "reportWritten": true},
              "totalStaff": 120, "trainedStaff": 120,
              "internalPublicity": true, "legalServiceCooperation": false, "improvedAfterRiskAssessment": true,
              "inspectionFindingsFixed": true, "casesAssisted": 0, "handbookPublished": true, "talentExchange": false
            }
            """;

    /*
     * By hand, sjs-zone-2023, a park of 40 enterprises:
     *   Z1 工作基础扎实  10 = 5 (11/40 = 27.5% > 25%) + 5 (2 enterprises meet the point standard)
     *   Z2 组织机构到位  10 = 5 + 5
     *   Z3 人员配置合理   3 = 3 (4 part-time staff) + 0 (no liaison)
     *   Z4 基础保障有力   3 = 2 (office) + 1 (facilities) + 0 (budget 0)
     *   Z5 制度建设完备  10 = 2 mechanisms x 5
     *   Z6 年度计划完备  15 = 7 + 4 x 2
     *   Z7 活动开展有效  18 = 6 (8/40 = 20% visited) + 6 (4/40 = 10% guided) + 6 (4 events with ledger in
     *                        the period: one has no ledger, one is before the period; 20/40 = 50% trained)
     *                        + 0 (no rights window) + 0 (3/40 = 7.5% assessed < 10%)
     *   base = 10 + 10 + 3 + 3 + 10 + 15 + 18 = 69
     *   Z8 加分 8 = 0 (20% < 50% visited) + 0 (10% < 40% guided) + 0 (4 events, not more than 6)
     *              + 2 (more than 3 part-time staff) + 2 (2 rights cases) + 0 (7.5% < 50%)
     *              + 2 (legal service) + 0 (no handbook) + 2 (information sharing); bonus = 8
     *   total = 69 + 8 = 77.00 < 80: not passed
     * With reviewers on Z7 (24 and 26, they saw a rights window in the attachments) and Z8 (9):
     *   Z7 = 25.00, base = 69 - 18 + 25 = 76, bonus = 9, total = 85.00: passed.
     */
    private static final String ZONE_EVIDENCE = """
            {
              "enterprisesInPark": 40,
              "enterprisesDoingProtection": 11, "enterprisesMeetingPointStandard": 2,
              "leadershipBody": {"established": true, "includesEnterprises": true},
              "office": {"established": true, "dutiesDefined": true},
              "partTimeStaff": 4, "fullTimeStaff": 0, "fullTimeStaffWithCollegeDegree": 0, "liaisonDesignated": false,
              "fixedOffice": true, "facilities": true, "annualBudgetYuan": 0,
              "mechanisms": ["COORDINATED_PROTECTION", "RIGHTS_ASSISTANCE"],
              "annualPlan": {"exists": true, "covers": ["VISITS", "GUIDANCE", "TRAINING", "RISK_ASSESSMENT"]},
              "enterprisesVisited": 8, "enterprisesGuided": 4,
              "events": [
                {"date": "2025-12-15", "ledger": true, "kind": "培训"},
                {"date": "2026-03-20", "ledger": true, "kind": "法规宣讲"},
                {"date": "2026-06-18", "ledger": true, "kind": "座谈沙龙"},
                {"date": "2026-10-09", "ledger": true, "kind": "培训"},
                {"date": "2026-10-30", "ledger": false, "kind": "宣传"},
                {"date": "2025-11-20", "ledger": true, "kind": "培训"}
              ],
              "enterprisesTrained": 20, "rightsWindow": false,
              "enterprisesRiskAssessed": 3, "riskAssessment": {"reportWritten": true},
              "rightsCasesHelped": 2, "legalServiceCooperation": true, "handbookPublished": false,
              "infoSharingMechanism": true
            }
            """;

    @Test
    void aCompletePointApplication() {
        ScoreResult result = ENGINE.score(BundledRubrics.load(BundledRubrics.POINT_2023), json(POINT_EVIDENCE),
                TestEvidence.PERIOD);

        assertThat(result.criteria()).extracting(CriterionScore::id, c -> c.finalPoints().toPlainString())
                .containsExactly(tuple("P1", "5.00"), tuple("P2", "10.00"), tuple("P3", "7.00"), tuple("P4", "10.00"),
                        tuple("P5", "13.00"), tuple("P6", "26.00"), tuple("P7", "12.00"));
        assertThat(result.base()).isEqualTo(new BigDecimal("71.00"));
        assertThat(result.bonusBeforeCap()).isEqualTo(new BigDecimal("12.00"));
        assertThat(result.bonus()).isEqualTo(new BigDecimal("10.00"));
        assertThat(result.total()).isEqualTo(new BigDecimal("81.00"));
        assertThat(result.passed()).isTrue();
        assertThat(result.activitiesPoints()).isEqualTo(new BigDecimal("26.00"));
    }

    @Test
    void theSamePointApplicationAfterReview() {
        ScoreResult result = ENGINE.score(BundledRubrics.load(BundledRubrics.POINT_2023), json(POINT_EVIDENCE),
                TestEvidence.PERIOD, Map.of("P6", List.of(new ReviewerScore("张三", new BigDecimal("20"), "培训台账不全"),
                        new ReviewerScore("李四", new BigDecimal("23"), "检查记录简略"))));

        assertThat(result.criterion("P6").orElseThrow().automaticPoints()).isEqualTo(new BigDecimal("26.00"));
        assertThat(result.criterion("P6").orElseThrow().finalPoints()).isEqualTo(new BigDecimal("21.50"));
        assertThat(result.base()).isEqualTo(new BigDecimal("66.50"));
        assertThat(result.total()).isEqualTo(new BigDecimal("76.50"));
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aCompleteZoneApplication() {
        ScoreResult result = ENGINE.score(BundledRubrics.load(BundledRubrics.ZONE_2023), json(ZONE_EVIDENCE),
                TestEvidence.PERIOD);

        assertThat(result.criteria()).extracting(CriterionScore::id, c -> c.finalPoints().toPlainString())
                .containsExactly(tuple("Z1", "10.00"), tuple("Z2", "10.00"), tuple("Z3", "3.00"), tuple("Z4", "3.00"),
                        tuple("Z5", "10.00"), tuple("Z6", "15.00"), tuple("Z7", "18.00"), tuple("Z8", "8.00"));
        assertThat(result.base()).isEqualTo(new BigDecimal("69.00"));
        assertThat(result.bonus()).isEqualTo(new BigDecimal("8.00"));
        assertThat(result.total()).isEqualTo(new BigDecimal("77.00"));
        assertThat(result.passed()).isFalse();
        assertThat(result.criterion("Z7").orElseThrow().items().get(2).evidenceRead())
                .containsEntry("eventsWithLedgerInPeriod", 4L)
                .containsEntry("enterprisesTrained", 20L)
                .containsEntry("enterprisesInPark", 40L);
    }

    @Test
    void theSameZoneApplicationAfterReview() {
        ScoreResult result = ENGINE.score(BundledRubrics.load(BundledRubrics.ZONE_2023), json(ZONE_EVIDENCE),
                TestEvidence.PERIOD, Map.of(
                        "Z7", List.of(new ReviewerScore("张三", new BigDecimal("24"), "附件显示已设维权窗口"),
                                new ReviewerScore("李四", new BigDecimal("26"), "维权窗口照片齐全")),
                        "Z8", List.of(new ReviewerScore("张三", new BigDecimal("9"), "其他加分：园区年度报告"))));

        assertThat(result.base()).isEqualTo(new BigDecimal("76.00"));
        assertThat(result.bonus()).isEqualTo(new BigDecimal("9.00"));
        assertThat(result.total()).isEqualTo(new BigDecimal("85.00"));
        assertThat(result.passed()).isTrue();
        assertThat(result.activitiesPoints()).isEqualTo(new BigDecimal("25.00"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JSON.readValue(text, Map.class);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
