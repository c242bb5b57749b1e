package org.tsbase.system;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies as API.md describes them: a call open now, contacts, and POINT applications (附件2). */
public final class Forms {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The assessment period every dated item below lies in (or, where a test says so, outside). */
    static final LocalDate PERIOD_FROM = LocalDate.of(2025, 12, 1);
    static final LocalDate PERIOD_TO = LocalDate.of(2026, 11, 30);

    private Forms() {
    }

    public static Map<String, Object> openCall(String callId, int pointQuota) {
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", callId);
        call.put("title", "系统测试批次 " + callId);
        call.put("district", "石景山区");
        call.put("year", now.getYear());
        call.put("applicationOpens", now.minusDays(10).toInstant().toString());
        call.put("applicationCloses", now.plusDays(30).toInstant().toString());
        call.put("reviewStarts", now.plusDays(31).toLocalDate().toString());
        call.put("reviewEnds", now.plusDays(60).toLocalDate().toString());
        call.put("quotas", Map.of("POINT", pointQuota, "ZONE", 1));
        call.put("rubrics", Map.of("POINT", "sjs-point-2023", "ZONE", "sjs-zone-2023"));
        call.put("assessmentPeriod", Map.of("from", PERIOD_FROM.toString(), "to", PERIOD_TO.toString()));
        return call;
    }

    public static Map<String, Object> contact(String name, String email) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("department", "法务部");
        c.put("title", "商业秘密保护专员");
        c.put("officePhone", "010-88797656");
        c.put("mobilePhone", "13812345678");
        c.put("email", email);
        c.put("remarks", "系统测试联系人");
        c.put("channels", List.of("EMAIL"));
        return c;
    }

    public static Map<String, Object> pointApplication(String callId, String creditCode, String name, Map<String, Object> evidence) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("creditCode", creditCode);
        org.put("name", name);
        org.put("legalRepresentative", "王法人");
        org.put("address", "北京市石景山区实兴大街30号");
        org.put("postalCode", "100041");
        org.put("enterpriseType", "有限责任公司");
        org.put("industry", "软件和信息服务业");
        org.put("annualOutputWanYuan", 12000);
        org.put("employeeCount", 60);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("callId", callId);
        app.put("type", "POINT");
        app.put("organization", org);
        app.put("contact", Map.of("name", "李联络", "title", "法务经理", "phone", "13912345678"));
        app.put("workDescription", "建立商业秘密保护领导小组，制定六项管理制度，开展培训与检查。");
        app.put("evidence", evidence);
        app.put("applicantOpinion", Map.of("signatory", "王法人", "sealed", true,
                "date", LocalDate.now(SHANGHAI).toString()));
        return app;
    }

    /** Everything 附件4 asks for: base 90, bonus items worth 18 capped at 10, total 100.00. */
    public static Map<String, Object> fullPointEvidence() {
        Map<String, Object> e = new HashMap<>();
        e.put("leadershipBody", Map.of("established", true, "ledByPrincipal", true));
        e.put("office", Map.of("established", true, "dutiesDefined", true));
        e.put("partTimeStaff", 4);
        e.put("fullTimeStaff", 1);
        e.put("fullTimeStaffWithCollegeDegree", 1);
        e.put("liaisonDesignated", true);
        e.put("fixedOffice", true);
        e.put("facilities", true);
        e.put("annualBudgetYuan", 50000);
        e.put("mechanisms", List.of("PERSONNEL", "DOCUMENTS", "CARRIERS", "KEY_AREAS", "INSPECTION", "LEAK_RESPONSE"));
        e.put("annualPlan", Map.of("exists", true,
                "covers", List.of("VERIFICATION", "INSPECTION", "TRAINING", "RISK_ASSESSMENT")));
        e.put("secretsInventoryDone", true);
        e.put("rulesAnnounced", true);
        e.put("onboardingTraining", true);
        e.put("trainings", List.of(Map.of("date", "2026-01-15", "ledger", true, "attendees", 30),
                Map.of("date", "2026-07-15", "ledger", true, "attendees", 30)));
        e.put("ndaSigned", true);
        e.put("nonCompeteSigned", true);
        e.put("inspections", List.of(Map.of("date", "2026-03-01", "ledger", true),
                Map.of("date", "2026-09-01", "ledger", true)));
        e.put("riskAssessment", Map.of("standardUsed", true, "reportWritten", true));
        e.put("totalStaff", 60);
        e.put("trainedStaff", 60);
        e.put("internalPublicity", true);
        e.put("legalServiceCooperation", true);
        e.put("improvedAfterRiskAssessment", true);
        e.put("inspectionFindingsFixed", true);
        e.put("casesAssisted", 1);
        e.put("handbookPublished", true);
        e.put("talentExchange", true);
        return e;
    }

    /**
     * Computed by hand from RUBRICS.md: as {@link #fullPointEvidence()} but
     * P5 covers only 核查评估 and 定期检查 (7 + 2 + 2 = 11 of 15, −4);
     * P6(5) NDAs signed but no non-compete agreements (−5);
     * P6(6) both inspections in the first half (2025-12..2026-05) — "每半年" not met (−4);
     * base 90 − 13 = 77; bonus items still worth 18, capped at 10; total 87.00, passed.
     */
    static Map<String, Object> pointEvidenceWorth87() {
        Map<String, Object> e = fullPointEvidence();
        e.put("annualPlan", Map.of("exists", true, "covers", List.of("VERIFICATION", "INSPECTION")));
        e.put("nonCompeteSigned", false);
        e.put("inspections", List.of(Map.of("date", "2026-02-01", "ledger", true),
                Map.of("date", "2026-05-31", "ledger", true)));
        return e;
    }
}
