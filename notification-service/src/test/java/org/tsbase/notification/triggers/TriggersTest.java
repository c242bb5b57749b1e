package org.tsbase.notification.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.ScoreComputed;
import org.tsbase.notification.notifications.MailTemplates;
import org.tsbase.notification.notifications.MailTemplates.RenderedMail;
import org.tsbase.notification.notifications.Trigger;

/** Which events notify, with which template and values, and that every template renders from those values. */
class TriggersTest {

    static final String ORG = "91110107MA01B2C34M";
    static final Instant AT = Instant.parse("2023-07-10T02:30:00Z");
    final MailTemplates templates = new MailTemplates();

    static ScoreComputed score(boolean passed) {
        return new ScoreComputed("app-1", "sjs-2023", ApplicationType.POINT, ORG, "北京石景山示范科技有限公司", 3,
                "sjs-point-2023", 1, new BigDecimal("78.50"), new BigDecimal("8"), new BigDecimal("86.50"), passed,
                List.of(new ScoreComputed.CriterionPoints("P1", new BigDecimal("10"), new BigDecimal("10.0")),
                        new ScoreComputed.CriterionPoints("P2", new BigDecimal("15"), new BigDecimal("7.5"))),
                "SUBMISSION", 1, AT);
    }

    static ApplicationStatusChanged changed(String to, String opinion) {
        return new ApplicationStatusChanged("app-1", "sjs-2023", ApplicationType.ZONE, ORG, "石景山数字创新产业园", 5,
                "SCORED", to, opinion == null ? null
                        : new ApplicationStatusChanged.Opinion("DISTRICT", true, opinion, "reviewer-1", AT), AT);
    }

    RenderedMail render(Trigger t) {
        var model = new java.util.HashMap<>(t.model());
        model.put("contactName", "张三");
        return templates.render(t.template(), model);
    }

    @Test
    void aScoreTellsTotalResultAndEveryCriterion() {
        Trigger t = Triggers.scored("e1", score(true), "2023 年度石景山区商业秘密保护示范基地申报");
        assertThat(t.eventType()).isEqualTo(EventTypes.SCORE_COMPUTED);
        assertThat(t.creditCode()).isEqualTo(ORG);
        assertThat(t.applicationId()).isEqualTo("app-1");

        RenderedMail mail = render(t);
        assertThat(mail.subject()).isEqualTo("【石景山区商业秘密保护示范基地申报】评分结果通知");
        assertThat(mail.body()).startsWith("张三，您好：")
                .contains("北京石景山示范科技有限公司", "示范点", "2023 年度石景山区商业秘密保护示范基地申报", "app-1")
                .contains("总分：86.5 分（基础分 78.5 分，加分 8 分）", "评定：达到合格标准（合格）")
                .contains("sjs-point-2023（第 1 版）", "P1：10 / 10 分", "P2：7.5 / 15 分")
                .contains("2023-07-10 10:30（北京时间）")
                .doesNotContain("{{");
        assertThat(render(Triggers.scored("e2", score(false), "x")).body()).contains("未达到合格标准（不合格）");
    }

    @Test
    void aReturnTellsTheReasonAndTheDeadlineInBeijingTime() {
        var returned = new ApplicationReturned("app-3", "sjs-2023", ApplicationType.POINT, ORG,
                "北京石景山示范科技有限公司", 4, "SCORED", "台账不完整，请补充加盖公章的申报书扫描件",
                Instant.parse("2023-07-20T15:59:59Z"), "district-reviewer", AT);
        Trigger t = Triggers.returned("e7", returned, "2023 年度石景山区商业秘密保护示范基地申报");
        assertThat(t.eventType()).isEqualTo(EventTypes.APPLICATION_RETURNED);
        assertThat(t.creditCode()).isEqualTo(ORG);
        RenderedMail mail = render(t);
        assertThat(mail.subject()).isEqualTo("【石景山区商业秘密保护示范基地申报】申报材料退回补正通知");
        assertThat(mail.body()).contains("台账不完整，请补充加盖公章的申报书扫描件", "补正截止时间：2023年7月20日 23:59（北京时间）",
                "app-3", "示范点").doesNotContain("district-reviewer", "{{");
    }

    @Test
    void aSubmissionGetsAReceipt() {
        var submitted = new ApplicationSubmitted("app-2", "sjs-2023", ApplicationType.POINT, 2, AT,
                new OrganizationFacts(ORG, "北京石景山示范科技有限公司", null, 120, null), Map.of());
        Trigger t = Triggers.received("e3", submitted, "申报批次 sjs-2023");
        assertThat(t.creditCode()).isEqualTo(ORG);
        RenderedMail mail = render(t);
        assertThat(mail.subject()).isEqualTo("【石景山区商业秘密保护示范基地申报】申报已受理");
        assertThat(mail.body()).contains("申报已受理", "app-2", "2023-07-10 10:30");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RECOMMENDED     | 区级推荐结果通知 | 已被推荐为
            NOT_RECOMMENDED | 区级推荐结果通知 | 本次未被推荐为
            ACCEPTED        | 市级验收结果通知 | 已通过
            REJECTED        | 市级验收结果通知 | 本次未通过
            """)
    void decisionsTellTheirOutcomeAndOpinion(String status, String subject, String words) {
        Trigger t = Triggers.decided("e4", changed(status, "材料齐全，制度健全"), "x").orElseThrow();
        RenderedMail mail = render(t);
        assertThat(mail.subject()).endsWith(subject);
        assertThat(mail.body()).contains(words, "示范区", "材料齐全，制度健全").doesNotContain("reviewer-1");
        assertThat(render(Triggers.decided("e5", changed(status, null), "x").orElseThrow()).body()).contains("（无）");
    }

    @ParameterizedTest
    @CsvSource({"SUBMITTED", "SCORED", "WITHDRAWN", "DRAFT"})
    void otherStatusChangesNotifyNobody(String status) {
        assertThat(Triggers.decided("e6", changed(status, "x"), "x")).isEmpty();
    }

    static Stream<String> templateNames() {
        return Stream.concat(Stream.of("score-computed", "application-submitted", "application-returned",
                "reminder-draft", "reminder-review"), Triggers.DECISIONS.values().stream());
    }

    @ParameterizedTest
    @MethodSource("templateNames")
    void everyTemplateHasTheCommonSubjectPrefixAndASignature(String template) {
        Map<String, String> model = new java.util.HashMap<>();
        for (String key : List.of("contactName", "organizationName", "applicationId", "callTitle", "typeLabel",
                "total", "base", "bonus", "result", "rubricId", "rubricVersion", "criteria", "computedAt",
                "submittedAt", "opinion", "changedAt", "reason", "deadline", "returnedAt", "applications",
                "closesAt", "daysLeft", "reviewEnds", "pendingCount")) {
            model.put(key, "<" + key + ">");
        }
        RenderedMail mail = templates.render(template, model);
        assertThat(mail.subject()).startsWith("【石景山区商业秘密保护示范基地申报】");
        assertThat(mail.body()).startsWith("<contactName>，您好：").contains("石景山区市场监督管理局")
                .doesNotContain("{{");
    }
}
