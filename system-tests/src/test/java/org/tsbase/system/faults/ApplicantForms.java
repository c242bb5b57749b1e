package org.tsbase.system.faults;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.tsbase.events.CreditCode;

/** What the load sends: a call open now, a contact per organisation, a complete 示范点 application (附件2). */
final class ApplicantForms {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private ApplicantForms() {
    }

    /** Distinct valid 统一社会信用代码 for one run: 91 110107, a random 3-character prefix, a counter. */
    static final class CreditCodes {
        private final String prefix;
        private final AtomicLong next = new AtomicLong();

        CreditCodes() {
            SecureRandom random = new SecureRandom();
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                p.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            prefix = p.toString();
        }

        String next() {
            long rest = next.getAndIncrement();
            char[] counter = new char[5];
            for (int i = 4; i >= 0; i--) {
                counter[i] = ALPHABET.charAt((int) (rest % 31));
                rest /= 31;
            }
            return CreditCode.complete("91110107" + prefix + new String(counter));
        }
    }

    static Map<String, Object> openCall(String callId) {
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", callId);
        call.put("title", "故障测试批次 " + callId);
        call.put("district", "石景山区");
        call.put("year", now.getYear());
        call.put("applicationOpens", now.minusDays(10).toInstant().toString());
        call.put("applicationCloses", now.plusDays(30).toInstant().toString());
        call.put("reviewStarts", now.plusDays(31).toLocalDate().toString());
        call.put("reviewEnds", now.plusDays(60).toLocalDate().toString());
        call.put("quotas", Map.of("POINT", 3, "ZONE", 1));
        call.put("rubrics", Map.of("POINT", "sjs-point-2023", "ZONE", "sjs-zone-2023"));
        call.put("assessmentPeriod", Map.of("from", "2025-12-01", "to", "2026-11-30"));
        return call;
    }

    static Map<String, Object> contact(String name, String email) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("department", "法务部");
        c.put("title", "商业秘密保护专员");
        c.put("officePhone", "010-88797656");
        c.put("mobilePhone", "13812345678");
        c.put("email", email);
        c.put("channels", List.of("EMAIL"));
        return c;
    }

    static Map<String, Object> pointApplication(String callId, String creditCode, String name) {
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
        app.put("evidence", fullPointEvidence());
        app.put("applicantOpinion", Map.of("signatory", "王法人", "sealed", true,
                "date", LocalDate.now(SHANGHAI).toString()));
        return app;
    }

    /** Everything 附件4 asks for: total 100.00, passed. */
    private static Map<String, Object> fullPointEvidence() {
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
}
