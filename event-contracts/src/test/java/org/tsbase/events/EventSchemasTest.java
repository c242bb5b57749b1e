package org.tsbase.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tsbase.events.testing.EventContractAssertions.assertConforms;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EventSchemasTest {

    static final String CODE = "91110107MA01B2C34M";
    static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @ParameterizedTest
    @FieldSource("org.tsbase.events.EventTypes#ALL")
    void everyEventTypeHasASchema(String type) {
        assertThat(EventSchemas.class.getClassLoader().getResource(EventSchemas.resourceName(type))).isNotNull();
    }

    @Test
    void submittedEventWithEvidenceConforms() {
        var event = new ApplicationSubmitted("app-1", "sjs-2023", ApplicationType.POINT, 3, NOW,
                new OrganizationFacts(CODE, "北京石景山示范科技有限公司", null, 120, null),
                Map.of("mechanisms", List.of("PERSONNEL", "DOCUMENTS"),
                        "trainings", List.of(Map.of("date", "2023-03-01", "ledger", true, "attendees", 40)),
                        "partTimeStaff", 2));
        assertConforms(EventTypes.APPLICATION_SUBMITTED, EventJson.toJson(event));
    }

    @Test
    void scoringDecisionsConformAndNeedWhoAndWhichCall() {
        assertConforms(EventTypes.SCORING_DECISION, EventJson.toJson(new ScoringDecision("RUBRIC_UPLOADED", "sjs-2023",
                "admin", NOW, "上传评分标准 sjs-point-2023 第 2 版", null, "sjs-point-2023", 2, null)));
        assertConforms(EventTypes.SCORING_DECISION, EventJson.toJson(new ScoringDecision("REPLAY_COMPLETED", "sjs-2023",
                "admin", NOW, "重算 120 份申报，12 份结果变化", "评分标准修订", null, null, "job-1")));
        assertThat(EventSchemas.violations(EventTypes.SCORING_DECISION, EventJson.toJson(Map.of("kind",
                "REPLAY_COMPLETED", "at", NOW.toString(), "summary", "x")))).hasSize(2);
    }

    @Test
    void submittedEventCarryingAPhoneNumberIsRejected() {
        String json = EventJson.toJson(Map.of("applicationId", "a", "callId", "c", "type", "POINT", "version", 1,
                "submittedAt", NOW.toString(), "organization",
                Map.of("creditCode", CODE, "name", "x", "phone", "13800138000"),
                "evidence", Map.of()));
        assertThat(EventSchemas.violations(EventTypes.APPLICATION_SUBMITTED, json))
                .anySatisfy(v -> assertThat(v).contains("phone"));
    }

    @Test
    void unknownMechanismAndNegativeCountAreRejected() {
        String json = EventJson.toJson(Map.of("applicationId", "a", "callId", "c", "type", "POINT", "version", 1,
                "submittedAt", NOW.toString(), "organization", Map.of("creditCode", CODE, "name", "x"),
                "evidence", Map.of("mechanisms", List.of("MAGIC"), "partTimeStaff", -1)));
        assertThat(EventSchemas.violations(EventTypes.APPLICATION_SUBMITTED, json)).hasSize(2);
    }

    @Test
    void scoreAndCallAndContactEventsConform() {
        assertConforms(EventTypes.SCORE_COMPUTED, EventJson.toJson(new ScoreComputed("app-1", "sjs-2023",
                ApplicationType.POINT, CODE, "示范科技", 3, "sjs-point-2023", 1, new BigDecimal("80.50"),
                new BigDecimal("6.00"), new BigDecimal("86.50"), true,
                List.of(new ScoreComputed.CriterionPoints("P4", new BigDecimal("15"), new BigDecimal("12.50"))),
                "SUBMISSION", 1, NOW)));
        assertConforms(EventTypes.CALL_UPSERTED, EventJson.toJson(new CallUpserted("sjs-2023", "2023年度申报", "石景山区",
                2023, Instant.parse("2023-04-30T16:00:00Z"), Instant.parse("2023-05-31T15:59:59Z"),
                LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 15),
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                new CallUpserted.Period(LocalDate.of(2022, 6, 1), LocalDate.of(2023, 5, 31)), 1)));
        assertConforms(EventTypes.CONTACTS_CHANGED, EventJson.toJson(new ContactsChanged(CODE,
                List.of(new ContactsChanged.Contact("c1", "张三", "zhang@example.com", "13800138000", List.of("EMAIL"))),
                2, NOW)));
    }

    @Test
    void issue9FieldsConformAndOldEventsStillDo() {
        assertConforms(EventTypes.APPLICATION_RETURNED, EventJson.toJson(new ApplicationReturned("app-1", "sjs-2023",
                ApplicationType.POINT, CODE, "示范科技", 4, "SCORED", "培训台账缺少签到表，请补正。",
                Instant.parse("2023-06-10T15:59:59Z"), "district_reviewer-user", NOW)));
        var flagged = new ApplicationSubmitted("app-1", "sjs-2023", ApplicationType.POINT, 5, NOW,
                new OrganizationFacts(CODE, "示范科技", null, 120, null), Map.of(),
                List.of(new ApplicationSubmitted.EligibilityFlag("STAFF_MISMATCH", "员工数量 120 与员工总数 100 不一致")));
        assertConforms(EventTypes.APPLICATION_SUBMITTED, EventJson.toJson(flagged));
        assertThat(EventJson.fromBytes(EventJson.toJson(flagged).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ApplicationSubmitted.class).eligibilityFlags()).hasSize(1);
        assertThat(EventJson.fromBytes("{\"applicationId\":\"a\",\"callId\":\"c\",\"type\":\"POINT\",\"version\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), ApplicationSubmitted.class).applicationId())
                .as("an event without the new fields still reads").isEqualTo("a");
        assertConforms(EventTypes.CALL_UPSERTED, EventJson.toJson(new CallUpserted("sjs-2023", "2023年度申报", "石景山区",
                2023, Instant.parse("2023-04-30T16:00:00Z"), Instant.parse("2023-05-31T15:59:59Z"),
                LocalDate.of(2023, 7, 1), LocalDate.of(2023, 8, 15), Map.of(ApplicationType.POINT, 3),
                Map.of(ApplicationType.POINT, "sjs-point-2023"),
                new CallUpserted.Period(LocalDate.of(2022, 6, 1), LocalDate.of(2023, 5, 31)), 3, "110107", NOW,
                new CallUpserted.ReviewReopening(LocalDate.of(2023, 9, 1), "补充审核", "admin", NOW),
                new CallUpserted.Change("REVIEW_REOPENED", "admin", NOW, "补充审核"))));
        assertConforms(EventTypes.APPLICATION_STATUS_CHANGED, EventJson.toJson(new ApplicationStatusChanged("app-1",
                "sjs-2023", ApplicationType.POINT, CODE, "示范科技", 5, "SCORED", "RECOMMENDED",
                new ApplicationStatusChanged.Opinion("DISTRICT", true, "同意", "admin", NOW, "名额外特批：市局同意"), NOW)));
    }

    @Test
    void scoreAboveTheMaximumIsRejected() {
        String json = EventJson.toJson(new ScoreComputed("app-1", "c", ApplicationType.ZONE, CODE, "园区", 1, "r", 1,
                new BigDecimal("95"), new BigDecimal("12"), new BigDecimal("107"), true, List.of(), "REVIEW", 1, NOW));
        assertThat(EventSchemas.violations(EventTypes.SCORE_COMPUTED, json)).hasSize(3);
    }

    @Test
    void unknownTypeHasNoSchema() {
        assertThatThrownBy(() -> EventSchemas.violations("tsbase.nothing.v1", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
