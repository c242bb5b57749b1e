package org.tsbase.application;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.tsbase.application.call.Call;
import org.tsbase.events.CreditCode;

/** Request bodies of tests: complete forms of both types, and calls. */
public final class TestForms {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

    private TestForms() {
    }

    public static LocalDate today() {
        return LocalDate.now(Call.ZONE);
    }

    /** A valid credit code nobody else uses in this JVM. */
    public static String freshCreditCode() {
        return CreditCode.complete(String.format("91110107T%07d", SEQUENCE.incrementAndGet() % 10_000_000));
    }

    public static String call(String callId, LocalDate opens, LocalDate closes) {
        return """
                {"callId": "%s", "title": "测试批次 %s", "district": "石景山区", "year": %d,
                 "applicationOpens": "%s", "applicationCloses": "%s",
                 "reviewStarts": "%s", "reviewEnds": "%s",
                 "quotas": {"POINT": 3, "ZONE": 1},
                 "rubrics": {"POINT": "sjs-point-2023", "ZONE": "sjs-zone-2023"}}
                """.formatted(callId, callId, opens.getYear(), opens, closes, closes.plusDays(1), closes.plusDays(30));
    }

    public static String point(String callId, String creditCode) {
        return """
                {"callId": "%s", "type": "POINT",
                 "organization": %s,
                 "contact": {"name": "李示范", "title": "商业秘密保护专员", "phone": "13812345678", "email": "li@example.com"},
                 "workDescription": "公司设立商业秘密保护工作领导小组，由总经理任组长。",
                 "evidence": %s,
                 "applicantOpinion": {"signatory": "王示范", "sealed": true, "date": "%s"}}
                """.formatted(callId, pointOrganization(creditCode), pointEvidence(), today());
    }

    public static String pointOrganization(String creditCode) {
        return """
                {"creditCode": "%s", "name": "北京石景山示范科技有限公司", "legalRepresentative": "王示范",
                 "address": "北京市石景山区示范路1号", "postalCode": "100043", "enterpriseType": "有限责任公司",
                 "industry": "软件和信息技术服务业", "annualOutputWanYuan": 12000, "employeeCount": 180}
                """.formatted(creditCode);
    }

    public static String pointEvidence() {
        LocalDate t = today();
        return """
                {"leadershipBody": {"established": true, "ledByPrincipal": true},
                 "office": {"established": true, "dutiesDefined": true},
                 "partTimeStaff": 4, "fullTimeStaff": 1, "fullTimeStaffWithCollegeDegree": 1,
                 "liaisonDesignated": true, "fixedOffice": true, "facilities": true, "annualBudgetYuan": 200000.50,
                 "mechanisms": ["PERSONNEL", "DOCUMENTS", "CARRIERS", "KEY_AREAS", "INSPECTION", "LEAK_RESPONSE"],
                 "annualPlan": {"exists": true, "covers": ["VERIFICATION", "INSPECTION", "TRAINING", "RISK_ASSESSMENT"]},
                 "secretsInventoryDone": true, "rulesAnnounced": true, "onboardingTraining": true,
                 "trainings": [{"date": "%s", "ledger": true, "attendees": 120}, {"date": "%s", "ledger": true}],
                 "ndaSigned": true, "nonCompeteSigned": true,
                 "inspections": [{"date": "%s", "ledger": true}, {"date": "%s", "ledger": true}],
                 "riskAssessment": {"standardUsed": true, "reportWritten": true},
                 "totalStaff": 180, "trainedStaff": 180, "internalPublicity": true, "legalServiceCooperation": true,
                 "improvedAfterRiskAssessment": false, "inspectionFindingsFixed": true, "casesAssisted": 0,
                 "handbookPublished": false, "talentExchange": false}
                """.formatted(t.minusDays(230), t.minusDays(60), t.minusDays(250), t.minusDays(45));
    }

    public static String zone(String callId, String creditCode) {
        return """
                {"callId": "%s", "type": "ZONE",
                 "organization": %s,
                 "contact": {"name": "赵园区", "title": "主任", "phone": "010-88797656"},
                 "workDescription": "园区成立商业秘密保护工作领导小组。",
                 "evidence": %s,
                 "applicantOpinion": {"signatory": "钱园长", "sealed": true, "date": "%s"}}
                """.formatted(callId, zoneOrganization(creditCode), zoneEvidence(), today());
    }

    public static String zoneOrganization(String creditCode) {
        return """
                {"creditCode": "%s", "name": "石景山数字创新产业园", "head": "钱园长", "address": "北京市石景山区创新路8号",
                 "postalCode": "100041", "parkType": "科技企业孵化器", "enterprisesInPark": 120, "parkOutputWanYuan": 560000}
                """.formatted(creditCode);
    }

    public static String zoneEvidence() {
        LocalDate t = today();
        return """
                {"enterprisesDoingProtection": 40, "enterprisesMeetingPointStandard": 3,
                 "leadershipBody": {"established": true, "includesEnterprises": true},
                 "office": {"established": true, "dutiesDefined": true},
                 "partTimeStaff": 5, "fullTimeStaff": 2, "fullTimeStaffWithCollegeDegree": 2,
                 "liaisonDesignated": true, "fixedOffice": true, "facilities": true, "annualBudgetYuan": 500000,
                 "mechanisms": ["COORDINATED_PROTECTION", "OPERATIONS", "RIGHTS_ASSISTANCE"],
                 "annualPlan": {"exists": true, "covers": ["VISITS", "GUIDANCE", "TRAINING", "RISK_ASSESSMENT"]},
                 "enterprisesVisited": 70, "enterprisesGuided": 50,
                 "events": [{"date": "%s", "ledger": true, "kind": "宣传培训"}, {"date": "%s", "ledger": true, "kind": "法规宣讲"},
                            {"date": "%s", "ledger": true, "kind": "座谈沙龙"}],
                 "enterprisesTrained": 110, "rightsWindow": true, "enterprisesRiskAssessed": 60,
                 "riskAssessment": {"reportWritten": true}, "rightsCasesHelped": 2, "legalServiceCooperation": true,
                 "handbookPublished": true, "infoSharingMechanism": true}
                """.formatted(t.minusDays(200), t.minusDays(120), t.minusDays(30));
    }
}
