package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 示范区 (附件5), rubric sjs-zone-2023: one row per rule and boundary, in the words of the standard.
 * The park has 100 enterprises unless a row says otherwise (enterprisesInPark=...); the assessment
 * period is 2025-12-01..2026-11-30. 超过 = strictly more; 至少 / 以上 / 达到 = at least.
 */
class ZoneRubricRulesTest {

    private static final RubricDefinition ZONE = BundledRubrics.load(BundledRubrics.ZONE_2023);

    private static final String THREE_EVENTS = "events=[2026-01-10 ledger, 2026-04-10 ledger, 2026-08-10 ledger]";
    private static final String SIX_EVENTS = "events=[2025-12-10 ledger, 2026-01-10 ledger, 2026-03-10 ledger, "
            + "2026-05-10 ledger, 2026-07-10 ledger, 2026-09-10 ledger]";
    private static final String SEVEN_EVENTS = "events=[2025-12-10 ledger, 2026-01-10 ledger, 2026-03-10 ledger, "
            + "2026-05-10 ledger, 2026-07-10 ledger, 2026-09-10 ledger, 2026-11-10 ledger]";

    static final String TABLE = """
            # row                                                                          | item  | evidence                                                                  | points
            Z1(1) 超过25%: 25% exactly scores nothing                                      | Z1.1  | enterprisesInPark=4; enterprisesDoingProtection=1                         | 0
            Z1(1) 超过25%: 25 of 100 scores nothing                                        | Z1.1  | enterprisesDoingProtection=25                                             | 0
            Z1(1) 超过25%: 26 of 100 scores 5                                              | Z1.1  | enterprisesDoingProtection=26                                             | 5
            Z1(1) 超过25%: 1 of 3 (33.3%) scores 5                                         | Z1.1  | enterprisesInPark=3; enterprisesDoingProtection=1                         | 5
            Z1(1) 超过25%: 1 of 5 (20%) scores nothing                                     | Z1.1  | enterprisesInPark=5; enterprisesDoingProtection=1                         | 0
            Z1(2) 符合示范点标准的企业至少2家: 2 enterprises score 5                       | Z1.2  | enterprisesMeetingPointStandard=2                                         | 5
            Z1(2) one enterprise meeting the point standard scores nothing                 | Z1.2  | enterprisesMeetingPointStandard=1                                         | 0
            Z2(1) 领导机构由园区负责人、部门负责人、重点企业组成 earns 5                   | Z2.1  | leadershipBody.established=true; leadershipBody.includesEnterprises=true  | 5
            Z2(1) a leadership body without the key enterprises earns nothing             | Z2.1  | leadershipBody.established=true                                           | 0
            Z2(2) 设立办事机构并规定工作职责 earns 5                                       | Z2.2  | office.established=true; office.dutiesDefined=true                        | 5
            Z2(2) an office without written duties earns nothing                           | Z2.2  | office.established=true; office.dutiesDefined=false                       | 0
            Z3(1) 配有兼职人员 for enterprises: one part-time staff member earns 3         | Z3.1  | partTimeStaff=1                                                           | 3
            Z3(1) no staff earns nothing                                                   | Z3.1  |                                                                           | 0
            Z3(2) 指定专人作为联络员 earns 2                                               | Z3.2  | liaisonDesignated=true                                                    | 2
            Z3(2) no liaison earns nothing                                                 | Z3.2  | liaisonDesignated=false                                                   | 0
            Z4 有固定的办公场所 earns 2                                                    | Z4.1  | fixedOffice=true                                                          | 2
            Z4 no fixed office earns nothing                                               | Z4.1  | fixedOffice=false                                                         | 0
            Z4 配备必要的办公设施 earns 1                                                  | Z4.2  | facilities=true                                                           | 1
            Z4 no facilities earn nothing                                                  | Z4.2  | facilities=false                                                          | 0
            Z4 相应的工作经费 earns 2                                                      | Z4.3  | annualBudgetYuan=100000                                                   | 2
            Z4 no budget earns nothing                                                     | Z4.3  | annualBudgetYuan=0                                                        | 0
            Z5 商业秘密协同保护机制 earns 5                                                | Z5.1  | mechanisms=[COORDINATED_PROTECTION]                                       | 5
            Z5 without 协同保护机制 nothing for it                                         | Z5.1  | mechanisms=[OPERATIONS, RIGHTS_ASSISTANCE]                                | 0
            Z5 工作运行机制 earns 5                                                        | Z5.2  | mechanisms=[OPERATIONS]                                                   | 5
            Z5 without 工作运行机制 nothing for it                                         | Z5.2  | mechanisms=[]                                                             | 0
            Z5 协助维权机制 earns 5                                                        | Z5.3  | mechanisms=[RIGHTS_ASSISTANCE]                                            | 5
            Z5 without 协助维权机制 nothing for it                                         | Z5.3  | mechanisms=[COORDINATED_PROTECTION]                                       | 0
            Z6 制定年度计划或工作任务 earns 7                                              | Z6.1  | annualPlan.exists=true                                                    | 7
            Z6 no annual plan earns nothing                                                | Z6.1  |                                                                           | 0
            Z6 计划包括走访调研 earns 2                                                    | Z6.2  | annualPlan.exists=true; annualPlan.covers=[VISITS]                        | 2
            Z6 a plan without 走访调研 nothing for it                                      | Z6.2  | annualPlan.exists=true; annualPlan.covers=[GUIDANCE]                      | 0
            Z6 计划包括专业指导 earns 2                                                    | Z6.3  | annualPlan.covers=[GUIDANCE]                                              | 2
            Z6 a plan without 专业指导 nothing for it                                      | Z6.3  | annualPlan.covers=[VISITS]                                                | 0
            Z6 计划包括培训宣传 earns 2                                                    | Z6.4  | annualPlan.covers=[TRAINING]                                              | 2
            Z6 a plan without 培训宣传 nothing for it                                      | Z6.4  | annualPlan.covers=[RISK_ASSESSMENT]                                       | 0
            Z6 计划包括风险评估 earns 2                                                    | Z6.5  | annualPlan.covers=[RISK_ASSESSMENT]                                       | 2
            Z6 a plan without 风险评估 nothing for it                                      | Z6.5  | annualPlan.covers=[VISITS, GUIDANCE, TRAINING]                            | 0
            Z7(1) 至少20%: exactly 20% scores                                              | Z7.1  | enterprisesVisited=20                                                     | 6
            Z7(1) 至少20%: 19% does not                                                    | Z7.1  | enterprisesVisited=19                                                     | 0
            Z7(1) 至少20%: 6 of 30 is exactly 20% and scores                               | Z7.1  | enterprisesInPark=30; enterprisesVisited=6                                | 6
            Z7(1) 至少20% of 7 enterprises: 2 visited (28.6%) score                        | Z7.1  | enterprisesInPark=7; enterprisesVisited=2                                 | 6
            Z7(1) 至少20% of 7 enterprises: 1 visited (14.3%) does not                     | Z7.1  | enterprisesInPark=7; enterprisesVisited=1                                 | 0
            Z7(2) 至少10%: exactly 10% (3 of 30) scores                                    | Z7.2  | enterprisesInPark=30; enterprisesGuided=3                                 | 6
            Z7(2) 至少10%: 2 of 30 does not                                                | Z7.2  | enterprisesInPark=30; enterprisesGuided=2                                 | 0
            Z7(3) 至少3次并有台账, 受训至少50%: 3 events and 50 of 100 trained earn 6      | Z7.3  | %s; enterprisesTrained=50                                                 | 6
            Z7(3) 2 events with ledger do not earn                                         | Z7.3  | events=[2026-01-10 ledger, 2026-04-10 ledger]; enterprisesTrained=80      | 0
            Z7(3) an event without ledger does not count                                   | Z7.3  | events=[2026-01-10 ledger, 2026-04-10 ledger, 2026-05-10]; enterprisesTrained=80 | 0
            Z7(3) an event dated outside the assessment period does not count              | Z7.3  | events=[2026-01-10 ledger, 2026-04-10 ledger, 2025-11-30 ledger]; enterprisesTrained=80 | 0
            Z7(3) 3 events but only 49% trained do not earn                                | Z7.3  | %s; enterprisesTrained=49                                                 | 0
            Z7(3) 受训至少50% of 7: 4 trained (57%) with 3 events earn                     | Z7.3  | enterprisesInPark=7; %s; enterprisesTrained=4                             | 6
            Z7(3) 受训至少50% of 7: 3 trained (42.9%) do not                               | Z7.3  | enterprisesInPark=7; %s; enterprisesTrained=3                             | 0
            Z7(4) 设立维权窗口或明确服务人员 earns 6                                       | Z7.4  | rightsWindow=true                                                         | 6
            Z7(4) no rights window earns nothing                                           | Z7.4  | rightsWindow=false                                                        | 0
            Z7(5) 至少10%的企业开展风险评估并形成书面报告: 10 of 100 with a report earn 6  | Z7.5  | enterprisesRiskAssessed=10; riskAssessment.reportWritten=true             | 6
            Z7(5) 10% assessed without a written report do not earn                        | Z7.5  | enterprisesRiskAssessed=10; riskAssessment.reportWritten=false            | 0
            Z7(5) 9% assessed with a report do not earn                                    | Z7.5  | enterprisesRiskAssessed=9; riskAssessment.reportWritten=true              | 0
            Z8(1) 走访覆盖率达到50%: exactly 50% earns 2                                   | Z8.1  | enterprisesVisited=50                                                     | 2
            Z8(1) 49% visited does not                                                     | Z8.1  | enterprisesVisited=49                                                     | 0
            Z8(2) 针对性指导覆盖率达到40%: exactly 40% earns 2                             | Z8.2  | enterprisesGuided=40                                                      | 2
            Z8(2) 39% guided does not                                                      | Z8.2  | enterprisesGuided=39                                                      | 0
            Z8(3) 6 events do not earn Z8(3), 7 do: 6 events with 95% trained earn nothing | Z8.3  | %6s; enterprisesTrained=95                                                | 0
            Z8(3) 6 events do not earn Z8(3), 7 do: 7 events with 95% trained earn 2       | Z8.3  | %7s; enterprisesTrained=95                                                | 2
            Z8(3) 受训达到90%以上: 7 events and exactly 9 of 10 trained earn 2             | Z8.3  | enterprisesInPark=10; %7s; enterprisesTrained=9                           | 2
            Z8(3) 7 events but 89% trained do not                                          | Z8.3  | %7s; enterprisesTrained=89                                                | 0
            Z8(4) 兼职人员超过3人: 3 part-time staff do not earn                           | Z8.4  | partTimeStaff=3                                                           | 0
            Z8(4) 4 part-time staff earn 2                                                 | Z8.4  | partTimeStaff=4                                                           | 2
            Z8(4) 专职人员有大专以上学历 earns 2                                           | Z8.4  | fullTimeStaff=1; fullTimeStaffWithCollegeDegree=1                         | 2
            Z8(5) 帮助企业维权至少一次 earns 2                                             | Z8.5  | rightsCasesHelped=1                                                       | 2
            Z8(5) never helping an enterprise defend its rights earns nothing              | Z8.5  | rightsCasesHelped=0                                                       | 0
            Z8(6) 风险评估覆盖率达到50%: exactly 50% earns 2                               | Z8.6  | enterprisesRiskAssessed=50                                                | 2
            Z8(6) 49% assessed does not                                                    | Z8.6  | enterprisesRiskAssessed=49                                                | 0
            Z8(7) 与法律服务机构“一对一”合作 earns 2                                       | Z8.7  | legalServiceCooperation=true                                              | 2
            Z8(7) no legal-service cooperation earns nothing                               | Z8.7  | legalServiceCooperation=false                                             | 0
            Z8(8) 出台指导手册或指引 earns 2                                               | Z8.8  | handbookPublished=true                                                    | 2
            Z8(8) no handbook earns nothing                                                | Z8.8  |                                                                           | 0
            Z8(9) 行政、司法、民事保护信息互通与调解机制 earns 2                           | Z8.9  | infoSharingMechanism=true                                                 | 2
            Z8(9) no information-sharing mechanism earns nothing                           | Z8.9  | infoSharingMechanism=false                                                | 0
            Z8(10) 其他加分情况 is for reviewers only: automatic 0 even with full evidence | Z8.10 | infoSharingMechanism=true; handbookPublished=true; rightsCasesHelped=3    | 0
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void rule(String row, String itemId, String evidence, String points) {
        ItemScore item = RuleTableSupport.item(ZONE, zoneEvidence(evidence), itemId);

        assertThat(item.pointsAwarded()).isEqualByComparingTo(TestEvidence.points(points));
    }

    @Test
    void theTableHasARowEarningAndARowNotEarningEveryItem() {
        RuleTableSupport.assertTableCoversEveryItem(ZONE, TABLE);
    }

    @Test
    void aRatioItemShowsTheCountsItWasComputedFrom() {
        ItemScore item = RuleTableSupport.item(ZONE, zoneEvidence("enterprisesInPark=4; enterprisesDoingProtection=1"),
                "Z1.1");

        assertThat(item.rule()).isEqualTo("enterprisesDoingProtection / enterprisesInPark > 25%");
        assertThat(item.evidenceRead()).containsExactly(Map.entry("enterprisesDoingProtection", 1L),
                Map.entry("enterprisesInPark", 4L));
    }

    /** The park's 100 enterprises unless the row says otherwise; %s, %6s, %7s stand for 3, 6, 7 events. */
    private static Map<String, Object> zoneEvidence(String row) {
        String text = row == null ? "" : row.replace("%6s", SIX_EVENTS).replace("%7s", SEVEN_EVENTS)
                .replace("%s", THREE_EVENTS);
        return TestEvidence.parse("enterprisesInPark=100; " + text);
    }
}
