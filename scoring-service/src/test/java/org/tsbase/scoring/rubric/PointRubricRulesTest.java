package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 示范点 (附件4), rubric sjs-point-2023: one row per rule and boundary, in the words of the standard.
 * Assessment period 2025-12-01..2026-11-30; its first half ends 2026-05-31.
 */
class PointRubricRulesTest {

    private static final RubricDefinition POINT = BundledRubrics.load(BundledRubrics.POINT_2023);

    static final String TABLE = """
            # row                                                                          | item  | evidence                                                                  | points
            P1(1) 领导机构由本单位负责人牵头 earns 5                                       | P1.1  | leadershipBody.established=true; leadershipBody.ledByPrincipal=true       | 5
            P1(1) a leadership body not led by the unit head earns nothing                 | P1.1  | leadershipBody.established=true; leadershipBody.ledByPrincipal=false      | 0
            P1(1) nothing said about a leadership body earns nothing                       | P1.1  |                                                                           | 0
            P1(2) 设立办事机构并规定工作职责 earns 5                                       | P1.2  | office.established=true; office.dutiesDefined=true                        | 5
            P1(2) an office without written duties earns nothing                           | P1.2  | office.established=true                                                   | 0
            P2(1) 配有兼职人员: one part-time staff member earns 5                         | P2.1  | partTimeStaff=1                                                           | 5
            P2(1) one full-time staff member earns 5                                       | P2.1  | fullTimeStaff=1                                                           | 5
            P2(1) no staff for the work earns nothing                                      | P2.1  | partTimeStaff=0; fullTimeStaff=0                                          | 0
            P2(2) 指定专人作为联络员 earns 5                                               | P2.2  | liaisonDesignated=true                                                    | 5
            P2(2) no liaison earns nothing                                                 | P2.2  | liaisonDesignated=false                                                   | 0
            P3(1) 有固定的办公场所 earns 4                                                 | P3.1  | fixedOffice=true                                                          | 4
            P3(1) no fixed office earns nothing                                            | P3.1  | fixedOffice=false                                                         | 0
            P3(2) 配备必要的办公设施 earns 3                                               | P3.2  | facilities=true                                                           | 3
            P3(2) no facilities earns nothing                                              | P3.2  | facilities=false                                                          | 0
            P3(3) 相应的工作经费: a budget of 50000 yuan earns 3                           | P3.3  | annualBudgetYuan=50000                                                    | 3
            P3(3) a budget of 0.01 yuan is a budget and earns 3                            | P3.3  | annualBudgetYuan=0.01                                                     | 3
            P3(3) a budget of 0 earns nothing                                              | P3.3  | annualBudgetYuan=0                                                        | 0
            P4 涉密人员管理机制 earns 2.5                                                  | P4.1  | mechanisms=[PERSONNEL]                                                    | 2.5
            P4 without 涉密人员管理机制 earns nothing for it                               | P4.1  | mechanisms=[DOCUMENTS, CARRIERS]                                          | 0
            P4 涉密文书材料管理机制 earns 2.5                                              | P4.2  | mechanisms=[DOCUMENTS]                                                    | 2.5
            P4 without 涉密文书材料管理机制 earns nothing for it                           | P4.2  | mechanisms=[PERSONNEL]                                                    | 0
            P4 涉密载体管理机制 earns 2.5                                                  | P4.3  | mechanisms=[CARRIERS]                                                     | 2.5
            P4 without 涉密载体管理机制 earns nothing for it                               | P4.3  | mechanisms=[]                                                             | 0
            P4 重点涉密区域管理机制 earns 2.5                                              | P4.4  | mechanisms=[KEY_AREAS]                                                    | 2.5
            P4 without 重点涉密区域管理机制 earns nothing for it                           | P4.4  | mechanisms=[INSPECTION]                                                   | 0
            P4 商业秘密保护工作监管检查机制 earns 2.5                                      | P4.5  | mechanisms=[INSPECTION]                                                   | 2.5
            P4 without 监管检查机制 earns nothing for it                                   | P4.5  | mechanisms=[KEY_AREAS]                                                    | 0
            P4 泄密预警和处置机制 earns 2.5                                                | P4.6  | mechanisms=[LEAK_RESPONSE]                                                | 2.5
            P4 without 泄密预警和处置机制 earns nothing for it                             | P4.6  |                                                                           | 0
            P5 制定年度计划 earns 7                                                        | P5.1  | annualPlan.exists=true                                                    | 7
            P5 no annual plan earns nothing                                                | P5.1  | annualPlan.exists=false                                                   | 0
            P5 年度计划包括核查评估 earns 2                                                | P5.2  | annualPlan.exists=true; annualPlan.covers=[VERIFICATION]                  | 2
            P5 a plan without 核查评估 earns nothing for it                                | P5.2  | annualPlan.exists=true; annualPlan.covers=[TRAINING]                      | 0
            P5 年度计划包括定期检查 earns 2                                                | P5.3  | annualPlan.covers=[INSPECTION]                                            | 2
            P5 a plan without 定期检查 earns nothing for it                                | P5.3  | annualPlan.covers=[VERIFICATION]                                          | 0
            P5 年度计划包括人员培训 earns 2                                                | P5.4  | annualPlan.covers=[TRAINING]                                              | 2
            P5 a plan without 人员培训 earns nothing for it                                | P5.4  | annualPlan.covers=[RISK_ASSESSMENT]                                       | 0
            P5 年度计划包括风险评估 earns 2                                                | P5.5  | annualPlan.covers=[RISK_ASSESSMENT]                                       | 2
            P5 a plan without 风险评估 earns nothing for it                                | P5.5  | annualPlan.covers=[VERIFICATION, INSPECTION, TRAINING]                    | 0
            P6(1) 核查与评估，定密、隐密、解密、销毁 earns 4                               | P6.1  | secretsInventoryDone=true                                                 | 4
            P6(1) no verification of secrets earns nothing                                 | P6.1  | secretsInventoryDone=false                                                | 0
            P6(2) 向全体员工公开和明示保护制度 earns 4                                     | P6.2  | rulesAnnounced=true                                                       | 4
            P6(2) rules not announced earn nothing                                         | P6.2  |                                                                           | 0
            P6(3) 培训纳入岗前培训计划 earns 4                                             | P6.3  | onboardingTraining=true                                                   | 4
            P6(3) no onboarding training earns nothing                                     | P6.3  | onboardingTraining=false                                                  | 0
            P6(4) 至少2次并有台账记录: 2 trainings with ledger earn 5                      | P6.4  | trainings=[2026-01-10 ledger, 2026-09-10 ledger]                          | 5
            P6(4) 1 training with ledger does not earn                                     | P6.4  | trainings=[2026-01-10 ledger]                                             | 0
            P6(4) training without ledger does not count                                   | P6.4  | trainings=[2026-01-10 ledger, 2026-02-10]                                 | 0
            P6(4) a training dated outside the assessment period does not count            | P6.4  | trainings=[2026-01-10 ledger, 2025-11-30 ledger]                          | 0
            P6(4) a training the day after the period ends does not count                  | P6.4  | trainings=[2026-01-10 ledger, 2026-12-01 ledger]                          | 0
            P6(4) trainings on the first and last day of the period both count             | P6.4  | trainings=[2025-12-01 ledger, 2026-11-30 ledger]                          | 5
            P6(5) 签署保密协议和竞业限制协议 earns 5                                       | P6.5  | ndaSigned=true; nonCompeteSigned=true                                     | 5
            P6(5) an NDA without a non-compete agreement earns nothing                     | P6.5  | ndaSigned=true; nonCompeteSigned=false                                    | 0
            P6(6) one inspection in each half earns P6(6)                                  | P6.6  | inspections=[2026-01-15 ledger, 2026-07-15 ledger]                        | 4
            P6(6) two in the same half do not                                              | P6.6  | inspections=[2026-01-15 ledger, 2026-03-15 ledger]                        | 0
            P6(6) the first half ends on 2026-05-31: inspections on 05-31 and 06-01 earn   | P6.6  | inspections=[2026-05-31 ledger, 2026-06-01 ledger]                        | 4
            P6(6) inspections on 06-01 and 11-30 are both in the second half               | P6.6  | inspections=[2026-06-01 ledger, 2026-11-30 ledger]                        | 0
            P6(6) an inspection without ledger does not count for its half                 | P6.6  | inspections=[2026-01-15, 2026-07-15 ledger]                               | 0
            P6(6) an inspection before the period does not fill the first half             | P6.6  | inspections=[2025-11-30 ledger, 2026-07-15 ledger]                        | 0
            P6(6) inspections on the first and last day of the period earn                 | P6.6  | inspections=[2025-12-01 ledger, 2026-11-30 ledger]                        | 4
            P6(7) 采用风险评估标准并形成书面报告 earns 4                                   | P6.7  | riskAssessment.standardUsed=true; riskAssessment.reportWritten=true       | 4
            P6(7) a written report without an assessment standard earns nothing            | P6.7  | riskAssessment.reportWritten=true                                         | 0
            P7(1) 员工接受培训达100%: 30 of 30 staff trained earns 2                       | P7.1  | totalStaff=30; trainedStaff=30                                            | 2
            P7(1) 29 of 30 staff trained is not 100%                                       | P7.1  | totalStaff=30; trainedStaff=29                                            | 0
            P7(1) no staff declared (0 of 0) earns nothing                                 | P7.1  | totalStaff=0; trainedStaff=0                                              | 0
            P7(2) 企业内部宣传 earns 2                                                     | P7.2  | internalPublicity=true                                                    | 2
            P7(2) no internal publicity earns nothing                                      | P7.2  | internalPublicity=false                                                   | 0
            P7(3) 兼职人员超过3人: 3 part-time staff do not earn                           | P7.3  | partTimeStaff=3                                                           | 0
            P7(3) 4 part-time staff earn 2                                                 | P7.3  | partTimeStaff=4                                                           | 2
            P7(3) 专职人员有大专以上学历 earns 2                                           | P7.3  | fullTimeStaff=1; fullTimeStaffWithCollegeDegree=1                         | 2
            P7(3) full-time staff without a college degree do not earn                     | P7.3  | fullTimeStaff=2; fullTimeStaffWithCollegeDegree=0                         | 0
            P7(4) 与法律服务机构“一对一”合作 earns 2                                       | P7.4  | legalServiceCooperation=true                                              | 2
            P7(4) no legal-service cooperation earns nothing                               | P7.4  | legalServiceCooperation=false                                             | 0
            P7(5) 根据风险评估完善制度 earns 2                                             | P7.5  | improvedAfterRiskAssessment=true                                          | 2
            P7(5) no improvement after the risk assessment earns nothing                   | P7.5  |                                                                           | 0
            P7(6) 定期检查中发现风险隐患并整改 earns 2                                     | P7.6  | inspectionFindingsFixed=true                                              | 2
            P7(6) findings not fixed earn nothing                                          | P7.6  | inspectionFindingsFixed=false                                             | 0
            P7(7) 成功协助立案、查办和调解案件: one case earns 2                           | P7.7  | casesAssisted=1                                                           | 2
            P7(7) no case earns nothing                                                    | P7.7  | casesAssisted=0                                                           | 0
            P7(8) 出台指导手册或指引 earns 2                                               | P7.8  | handbookPublished=true                                                    | 2
            P7(8) no handbook earns nothing                                                | P7.8  | handbookPublished=false                                                   | 0
            P7(9) 与高校或专业机构人才培养交流 earns 2                                     | P7.9  | talentExchange=true                                                       | 2
            P7(9) no talent exchange earns nothing                                         | P7.9  | talentExchange=false                                                      | 0
            P7(10) 其他加分情况 is for reviewers only: automatic 0 even with full evidence | P7.10 | internalPublicity=true; talentExchange=true; handbookPublished=true       | 0
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void rule(String row, String itemId, String evidence, String points) {
        ItemScore item = RuleTableSupport.item(POINT, TestEvidence.parse(evidence), itemId);

        assertThat(item.pointsAwarded()).isEqualByComparingTo(TestEvidence.points(points));
    }

    @Test
    void theTableHasARowEarningAndARowNotEarningEveryItem() {
        RuleTableSupport.assertTableCoversEveryItem(POINT, TABLE);
    }

    @Test
    void anItemShowsTheRuleTextAndTheEvidenceValuesItRead() {
        ItemScore item = RuleTableSupport.item(POINT,
                TestEvidence.parse("trainings=[2026-01-10 ledger, 2026-02-10, 2025-11-01 ledger, 2026-03-01 ledger]"),
                "P6.4");

        assertThat(item.text()).isEqualTo("（4）对内部人员开展商业秘密保护培训至少2次并有台账记录");
        assertThat(item.rule()).isEqualTo("trainingsWithLedgerInPeriod >= 2");
        assertThat(item.pointsAvailable()).isEqualByComparingTo("5");
        assertThat(item.pointsAwarded()).isEqualByComparingTo("5");
        assertThat(item.evidenceRead()).containsExactly(java.util.Map.entry("trainingsWithLedgerInPeriod", 2L));
    }

    @Test
    void aLedgerGivenAsAnAttachmentReferenceCounts() {
        java.util.Map<String, Object> evidence = new java.util.LinkedHashMap<>();
        evidence.put("trainings", java.util.List.of(
                java.util.Map.of("date", "2026-01-10", "ledger", "att-0001", "attendees", 40),
                java.util.Map.of("date", "2026-04-10", "ledger", "att-0002", "attendees", 35)));

        assertThat(RuleTableSupport.item(POINT, evidence, "P6.4").pointsAwarded()).isEqualByComparingTo("5");
    }
}
