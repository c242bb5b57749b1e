package org.tsbase.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as docs/walkthrough.sh and the system tests send them: a call open now (assessment period: the 12
 * months ending on the day applications close), a contact (附件6), a complete 示范点 (附件2) and 示范区 (附件3)
 * application with every dated item inside the period.
 */
final class Forms {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Forms() {
    }

    static Map<String, Object> openCall(String callId) {
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", callId);
        call.put("title", "基准测试批次 " + callId);
        call.put("district", "石景山区");
        call.put("year", now.getYear());
        call.put("applicationOpens", now.toLocalDate().minusDays(30).toString());
        call.put("applicationCloses", now.toLocalDate().plusDays(30).toString());
        call.put("reviewStarts", now.toLocalDate().plusDays(31).toString());
        call.put("reviewEnds", now.toLocalDate().plusDays(60).toString());
        call.put("quotas", Map.of("POINT", 3, "ZONE", 1));
        call.put("rubrics", Map.of("POINT", "sjs-point-2023", "ZONE", "sjs-zone-2023"));
        return call;
    }

    static Map<String, Object> contact(long n) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "基准联络" + n);
        c.put("department", "法务部");
        c.put("title", "商业秘密保护专员");
        c.put("officePhone", "010-88797656");
        c.put("mobilePhone", "13812345678");
        c.put("email", "bench-" + n + "@bench.example");
        c.put("channels", List.of("EMAIL"));
        return c;
    }

    static Map<String, Object> point(String callId, String creditCode, long n, LocalDate today) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("creditCode", creditCode);
        org.put("name", "北京基准测试企业" + n + "有限公司");
        org.put("legalRepresentative", "周法人");
        org.put("address", "北京市石景山区实兴大街30号");
        org.put("postalCode", "100041");
        org.put("enterpriseType", "有限责任公司");
        org.put("industry", "先进制造业");
        org.put("annualOutputWanYuan", 8600);
        org.put("employeeCount", 120);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("leadershipBody", Map.of("established", true, "ledByPrincipal", true));
        e.put("office", Map.of("established", true, "dutiesDefined", true));
        e.put("partTimeStaff", 2);
        e.put("fullTimeStaff", 1);
        e.put("fullTimeStaffWithCollegeDegree", 1);
        e.put("liaisonDesignated", true);
        e.put("fixedOffice", true);
        e.put("facilities", true);
        e.put("annualBudgetYuan", 80000);
        e.put("mechanisms", List.of("PERSONNEL", "DOCUMENTS", "CARRIERS", "KEY_AREAS", "INSPECTION"));
        e.put("annualPlan", Map.of("exists", true, "covers", List.of("VERIFICATION", "INSPECTION", "TRAINING", "RISK_ASSESSMENT")));
        e.put("secretsInventoryDone", true);
        e.put("rulesAnnounced", true);
        e.put("onboardingTraining", true);
        e.put("trainings", List.of(Map.of("date", day(today, -200), "ledger", true, "attendees", 110),
                Map.of("date", day(today, -40), "ledger", true, "attendees", 100)));
        e.put("ndaSigned", true);
        e.put("nonCompeteSigned", true);
        e.put("inspections", List.of(Map.of("date", day(today, -240), "ledger", true),
                Map.of("date", day(today, -20), "ledger", true)));
        e.put("riskAssessment", Map.of("standardUsed", true, "reportWritten", true));
        e.put("totalStaff", 120);
        e.put("trainedStaff", 120);
        e.put("internalPublicity", true);
        e.put("legalServiceCooperation", false);
        e.put("improvedAfterRiskAssessment", true);
        e.put("inspectionFindingsFixed", false);
        e.put("casesAssisted", 0);
        e.put("handbookPublished", false);
        e.put("talentExchange", false);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("callId", callId);
        app.put("type", "POINT");
        app.put("organization", org);
        app.put("contact", Map.of("name", "周联络", "title", "法务经理", "phone", "13812345678"));
        app.put("workDescription", "成立由总经理牵头的商业秘密保护领导小组，制定五项保护制度，按年度计划开展培训、检查和风险评估。");
        app.put("evidence", e);
        app.put("applicantOpinion", Map.of("signatory", "周法人", "sealed", true, "date", today.toString()));
        return app;
    }

    static Map<String, Object> zone(String callId, String creditCode, long n, LocalDate today) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("creditCode", creditCode);
        org.put("name", "基准测试园区" + n);
        org.put("head", "吴园长");
        org.put("address", "北京市石景山区科创路6号");
        org.put("postalCode", "100043");
        org.put("parkType", "科技企业孵化器");
        org.put("enterprisesInPark", 80);
        org.put("parkOutputWanYuan", 420000);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("enterprisesDoingProtection", 30);
        e.put("enterprisesMeetingPointStandard", 2);
        e.put("leadershipBody", Map.of("established", true, "includesEnterprises", true));
        e.put("office", Map.of("established", true, "dutiesDefined", true));
        e.put("partTimeStaff", 3);
        e.put("fullTimeStaff", 1);
        e.put("fullTimeStaffWithCollegeDegree", 1);
        e.put("liaisonDesignated", true);
        e.put("fixedOffice", true);
        e.put("facilities", true);
        e.put("annualBudgetYuan", 300000);
        e.put("mechanisms", List.of("COORDINATED_PROTECTION", "OPERATIONS", "RIGHTS_ASSISTANCE"));
        e.put("annualPlan", Map.of("exists", true, "covers", List.of("VISITS", "GUIDANCE", "TRAINING", "RISK_ASSESSMENT")));
        e.put("enterprisesVisited", 20);
        e.put("enterprisesGuided", 8);
        e.put("events", List.of(Map.of("date", day(today, -150), "ledger", true, "kind", "宣传培训"),
                Map.of("date", day(today, -90), "ledger", true, "kind", "法规宣讲"),
                Map.of("date", day(today, -30), "ledger", true, "kind", "座谈沙龙")));
        e.put("enterprisesTrained", 40);
        e.put("rightsWindow", true);
        e.put("enterprisesRiskAssessed", 8);
        e.put("riskAssessment", Map.of("reportWritten", true));
        e.put("rightsCasesHelped", 1);
        e.put("legalServiceCooperation", true);
        e.put("handbookPublished", false);
        e.put("infoSharingMechanism", false);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("callId", callId);
        app.put("type", "ZONE");
        app.put("organization", org);
        app.put("contact", Map.of("name", "郑园区", "title", "服务中心主任", "phone", "010-68881234"));
        app.put("workDescription", "园区建立商业秘密协同保护机制，设立维权窗口，组织走访、指导、培训和风险评估。");
        app.put("evidence", e);
        app.put("applicantOpinion", Map.of("signatory", "吴园长", "sealed", true, "date", today.toString()));
        return app;
    }

    private static String day(LocalDate today, int offset) {
        return today.plusDays(offset).toString();
    }
}
