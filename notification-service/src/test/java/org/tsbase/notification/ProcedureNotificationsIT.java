package org.tsbase.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.testing.MutableClock;
import org.tsbase.events.ApplicationCreated;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.notification.reminders.Reminders;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9's notification rules on a real KRaft broker, MongoDB-wire server and SMTP server (GreenMail), with the
 * service's clock fixed: scores held until the district publishes the results, then each applicant's latest score
 * mailed once; a return for correction with its reason and deadline; draft and reviewer reminders once per reminder
 * day, also when run again or while another instance holds the lease.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.consumer.group-id=" + ProcedureNotificationsIT.GROUP,
        "tsbase.notifications.reminders.enabled=false",
        "tsbase.notifications.reviewer-emails=reviewer1@review.example, reviewer2@review.example",
        "tsbase.notifications.delivery.retry-poll-interval=300ms"})
@Import({NotificationsIT.Topics4Test.class, ProcedureNotificationsIT.ClockConfiguration.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcedureNotificationsIT {

    static final String GROUP = "notification-service-procedure-it";
    static final String ORG_P = "91110107MA0B0000P1";
    static final String ORG_Q = "91110107MA0B0000Q2";
    static final String ORG_W = "91110107MA0B0000W3";
    static final String ORG_R = "91110107MA0B0000R4";
    static final String ORG_D = "91110107MA0B0000D5";
    static final String ORG_S = "91110107MA0B0000E6";
    static final String ORG_X = "91110107MA0B0000F7";
    static final String RESULTS_CALL = "proc-results";
    static final String REMINDER_CALL = "proc-reminders";
    /** 2099-06-30 23:59:59 in Beijing. */
    static final Instant CLOSES = Instant.parse("2099-06-30T15:59:59Z");
    static final LocalDate REVIEW_ENDS = LocalDate.parse("2099-08-15");
    static final int SMTP_PORT = NotificationsIT.freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "tsbase-notifications-procedure-it");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        MutableClock clock() {
            MutableClock clock = new MutableClock();
            clock.fix(Instant.parse("2099-06-01T02:00:00Z"));
            return clock;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    Reminders reminders;
    @Autowired
    LockProvider locks;

    final HttpClient http = HttpClient.newHttpClient();

    // ---------------------------------------------------------------- helpers

    static String bootstrap() {
        return TestInfrastructure.bootstrapServers();
    }

    static CallUpserted call(String callId, long version, Instant resultsPublishedAt) {
        return new CallUpserted(callId, "测试批次 " + callId, "石景山区", 2099, Instant.parse("2099-05-01T00:00:00Z"),
                CLOSES, LocalDate.parse("2099-07-01"), REVIEW_ENDS,
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"), null, version,
                "110107", resultsPublishedAt, null,
                new CallUpserted.Change(resultsPublishedAt == null ? "CREATED" : "RESULTS_PUBLISHED", "admin",
                        Instant.parse("2099-05-01T00:00:00Z"), null));
    }

    static void publishCall(String eventId, CallUpserted call) {
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, call.callId(), EventTypes.CALL_UPSERTED, eventId, call);
    }

    static ScoreComputed score(String applicationId, String org, String total, long resultVersion) {
        return new ScoreComputed(applicationId, RESULTS_CALL, ApplicationType.POINT, org, "测试单位" + org.substring(14),
                1, "sjs-point-2023", 1, new BigDecimal(total).subtract(new BigDecimal("2")), new BigDecimal("2"),
                new BigDecimal(total), true,
                List.of(new ScoreComputed.CriterionPoints("P1", BigDecimal.TEN, new BigDecimal("9.5"))),
                "SUBMISSION", resultVersion, Instant.parse("2099-07-10T02:30:00Z"));
    }

    static void publishScore(String eventId, ScoreComputed score) {
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, score.applicationId(), EventTypes.SCORE_COMPUTED, eventId,
                score);
    }

    static void publishApplicationEvent(String applicationId, String type, String eventId, Object payload) {
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, applicationId, type, eventId, payload);
    }

    static ApplicationCreated created(String applicationId, String callId, String org) {
        return new ApplicationCreated(applicationId, callId, ApplicationType.POINT, org, "测试单位" + org.substring(14),
                1, Instant.parse("2099-05-10T02:00:00Z"));
    }

    static ApplicationSubmitted submitted(String applicationId, String callId, String org) {
        return new ApplicationSubmitted(applicationId, callId, ApplicationType.POINT, 2,
                Instant.parse("2099-05-20T02:00:00Z"), new OrganizationFacts(org, "测试单位" + org.substring(14), null,
                        50, null), Map.of("fixedOffice", true));
    }

    static List<String> mailsTo(String address) {
        List<String> bodies = new ArrayList<>();
        for (var m : smtp.getReceivedMessages()) {
            try {
                var to = m.getAllRecipients();
                if (to != null && java.util.Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                    bodies.add(m.getSubject() + "\n" + m.getContent());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    long notificationsOf(String field, String value) {
        return mongo.getCollection("notifications").countDocuments(new Document(field, value));
    }

    /** Waits until this test's consumer group has committed every record now on {@code topic}. */
    static void awaitConsumed(String topic) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                    if (end.offset() > 0) {
                        assertThat(committed.get(tp)).as("committed offset of %s", tp).isNotNull();
                        assertThat(committed.get(tp).offset()).as("committed offset of %s", tp)
                                .isGreaterThanOrEqualTo(end.offset());
                    }
                });
            }
        });
    }

    void awaitContacts(String org) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> mongo.getCollection("contact_copies").countDocuments(new Document("_id", org)) == 1);
    }

    JsonNode items(String query, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/notifications" + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body()).get("items");
    }

    // ---------------------------------------------------------------- results

    @Test
    @Order(1)
    void scoresBeforePublicationMailNothingAndThePublicationMailsEachApplicantItsLatestScoreOnce() throws Exception {
        NotificationsIT.publishContacts(ORG_P, 1,
                NotificationsIT.contact("p-1", "钱一", "qianyi@p.example", null, "EMAIL"),
                NotificationsIT.contact("p-2", "钱二", "qianer@p.example", null, "EMAIL"));
        NotificationsIT.publishContacts(ORG_Q, 1, NotificationsIT.contact("q-1", "孔三", "kongsan@q.example", null,
                "EMAIL"));
        NotificationsIT.publishContacts(ORG_W, 1, NotificationsIT.contact("w-1", "曹四", "caosi@w.example", null,
                "EMAIL"));
        awaitContacts(ORG_P);
        awaitContacts(ORG_Q);
        awaitContacts(ORG_W);
        publishCall("results-call-1", call(RESULTS_CALL, 1, null));
        awaitConsumed(Topics.CALLS);

        // interim scores, a newer result for app-p, and an application that is withdrawn afterwards
        publishScore("score-p-1", score("app-p", ORG_P, "78", 1));
        publishScore("score-p-2", score("app-p", ORG_P, "86.5", 2));
        publishScore("score-q-1", score("app-q", ORG_Q, "81", 1));
        publishScore("score-w-1", score("app-w", ORG_W, "90", 1));
        publishApplicationEvent("app-w", EventTypes.APPLICATION_WITHDRAWN, "app-w-withdrawn",
                new ApplicationWithdrawn("app-w", RESULTS_CALL, ApplicationType.POINT, ORG_W, "测试单位W", 5, "SCORED",
                        Instant.parse("2099-07-12T02:00:00Z")));
        awaitConsumed(Topics.SCORES);
        awaitConsumed(Topics.APPLICATIONS);
        // nothing sent, nothing in the log: the scores wait as each application's latest
        assertThat(mailsTo("@p.example")).isEmpty();
        assertThat(mailsTo("kongsan@q.example")).isEmpty();
        assertThat(notificationsOf("creditCode", ORG_P) + notificationsOf("creditCode", ORG_Q)).isZero();
        assertThat(mongo.getCollection("latest_scores").find(new Document("_id", "app-p")).first())
                .satisfies(d -> assertThat(((Number) d.get("resultVersion")).longValue()).isEqualTo(2));

        // the district publishes: each contact gets the latest score once; the withdrawn application nothing
        publishCall("results-call-2", call(RESULTS_CALL, 2, Instant.parse("2099-08-20T02:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mailsTo("qianyi@p.example")).singleElement().asString()
                    .contains("评分结果已由区市场监督管理局公布", "总分：86.5 分").doesNotContain("78");
            assertThat(mailsTo("qianer@p.example")).hasSize(1);
            assertThat(mailsTo("kongsan@q.example")).singleElement().asString().contains("总分：81 分");
        });
        awaitConsumed(Topics.CALLS);
        assertThat(mailsTo("caosi@w.example")).isEmpty();
        assertThat(mongo.getCollection("call_copies").find(new Document("_id", RESULTS_CALL)).first())
                .satisfies(c -> assertThat(c.get("resultsAnnouncedFor")).isNotNull())
                .satisfies(c -> assertThat(c.get("resultsPending")).isNull());

        // the same call event again, a later version of the call, and a sweep cut short before it was recorded
        // (the marker removed, as after a crash): nothing more
        publishCall("results-call-2", call(RESULTS_CALL, 2, Instant.parse("2099-08-20T02:00:00Z")));
        mongo.getCollection("call_copies").updateOne(new Document("_id", RESULTS_CALL),
                new Document("$unset", new Document("resultsAnnouncedFor", "")));
        publishCall("results-call-3", call(RESULTS_CALL, 3, Instant.parse("2099-08-20T02:00:00Z")));
        // and the newest score event delivered again
        publishScore("score-p-2", score("app-p", ORG_P, "86.5", 2));
        awaitConsumed(Topics.CALLS);
        awaitConsumed(Topics.SCORES);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("call_copies")
                .find(new Document("_id", RESULTS_CALL)).first().get("resultsAnnouncedFor") != null);
        assertThat(mailsTo("qianyi@p.example")).hasSize(1);
        assertThat(mailsTo("qianer@p.example")).hasSize(1);
        assertThat(mailsTo("kongsan@q.example")).hasSize(1);
        assertThat(notificationsOf("applicationId", "app-p")).isEqualTo(2);

        // after publication a new result (e.g. after a correction) is mailed as it comes
        publishScore("score-q-2", score("app-q", ORG_Q, "83", 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("kongsan@q.example"))
                .hasSize(2).anySatisfy(m -> assertThat(m).contains("总分：83 分")));
    }

    // ---------------------------------------------------------------- return for correction

    @Test
    @Order(2)
    void aReturnForCorrectionTellsTheContactsTheReasonAndTheDeadline() throws Exception {
        NotificationsIT.publishContacts(ORG_R, 1, NotificationsIT.contact("r-1", "严五", "yanwu@r.example", null,
                "EMAIL"));
        awaitContacts(ORG_R);
        publishApplicationEvent("app-r", EventTypes.APPLICATION_RETURNED, "app-r-returned",
                new ApplicationReturned("app-r", RESULTS_CALL, ApplicationType.ZONE, ORG_R, "石景山测试产业园", 4,
                        "SCORED", "缺少加盖公章的申报书扫描件", Instant.parse("2099-07-20T15:59:59Z"), "district-1",
                        Instant.parse("2099-07-13T02:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("yanwu@r.example"))
                .singleElement().asString()
                .startsWith("【石景山区商业秘密保护示范基地申报】申报材料退回补正通知")
                .contains("石景山测试产业园", "示范区", "app-r", "缺少加盖公章的申报书扫描件",
                        "补正截止时间：2099年7月20日 23:59（北京时间）")
                .doesNotContain("district-1"));
        assertThat(mongo.getCollection("application_states").find(new Document("_id", "app-r")).first()
                .getString("status")).isEqualTo("RETURNED");
    }

    // ---------------------------------------------------------------- reminders

    @Test
    @Order(3)
    void draftRemindersReachOnlyOrganisationsWithADraftOncePerReminderDay() throws Exception {
        NotificationsIT.publishContacts(ORG_D, 1, NotificationsIT.contact("d-1", "陶六", "taoliu@d.example", null,
                "EMAIL"));
        NotificationsIT.publishContacts(ORG_S, 1, NotificationsIT.contact("s-1", "姜七", "jiangqi@s.example", null,
                "EMAIL"));
        NotificationsIT.publishContacts(ORG_X, 1, NotificationsIT.contact("x-1", "戚八", "qiba@x.example", null,
                "EMAIL"));
        awaitContacts(ORG_D);
        awaitContacts(ORG_S);
        awaitContacts(ORG_X);
        publishCall("reminder-call-1", call(REMINDER_CALL, 1, null));
        // ORG_D has a draft; ORG_S submitted (its receipt is one mail); ORG_X withdrew its draft
        publishApplicationEvent("app-d", EventTypes.APPLICATION_CREATED, "app-d-created",
                created("app-d", REMINDER_CALL, ORG_D));
        publishApplicationEvent("app-s", EventTypes.APPLICATION_CREATED, "app-s-created",
                created("app-s", REMINDER_CALL, ORG_S));
        publishApplicationEvent("app-s", EventTypes.APPLICATION_SUBMITTED, "app-s-submitted",
                submitted("app-s", REMINDER_CALL, ORG_S));
        publishApplicationEvent("app-x", EventTypes.APPLICATION_CREATED, "app-x-created",
                created("app-x", REMINDER_CALL, ORG_X));
        publishApplicationEvent("app-x", EventTypes.APPLICATION_WITHDRAWN, "app-x-withdrawn",
                new ApplicationWithdrawn("app-x", REMINDER_CALL, ApplicationType.POINT, ORG_X, "测试单位X", 2, "DRAFT",
                        Instant.parse("2099-05-11T02:00:00Z")));
        awaitConsumed(Topics.CALLS);
        awaitConsumed(Topics.APPLICATIONS);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("jiangqi@s.example").size() == 1);

        // 8 days before: nothing due
        clock.fix(Instant.parse("2099-06-22T12:00:00Z"));
        reminders.run();
        assertThat(notificationsOf("eventType", "reminder.application-draft")).isZero();

        // 7 days before, 10:00 Beijing, while another instance holds the lease: this run does nothing
        clock.fix(Instant.parse("2099-06-23T02:00:00Z"));
        SimpleLock held = locks.lock(new LockConfiguration(Instant.now(), "notification-reminders",
                Duration.ofMinutes(5), Duration.ZERO)).orElseThrow();
        try {
            reminders.run();
            assertThat(notificationsOf("eventType", "reminder.application-draft")).isZero();
        } finally {
            held.unlock();
        }
        // the lease released: the reminder goes out, to the organisation with a draft only
        reminders.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("taoliu@d.example"))
                .singleElement().asString().startsWith("【石景山区商业秘密保护示范基地申报】申报截止提醒")
                .contains("app-d", "2099年6月30日 23:59", "还有 7 天"));
        // run again, and again with the day's completion record gone (a run cut short): nothing more
        reminders.run();
        mongo.getCollection("reminder_runs").deleteMany(new Document());
        reminders.run();
        // the 1-day reminder is a new reminder day
        clock.fix(Instant.parse("2099-06-29T02:00:00Z"));
        reminders.run();
        reminders.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("taoliu@d.example"))
                .hasSize(2).anySatisfy(m -> assertThat(m).contains("还有 1 天")));
        assertThat(notificationsOf("eventType", "reminder.application-draft")).isEqualTo(2);
        assertThat(mailsTo("jiangqi@s.example")).hasSize(1);
        assertThat(mailsTo("qiba@x.example")).isEmpty();

        // listed in the notification log, for the organisation itself
        JsonNode own = items("?creditCode=" + ORG_D, TestTokens.applicant(ORG_D));
        assertThat(own.findValuesAsString("eventType")).containsOnly("reminder.application-draft").hasSize(2);
    }

    @Test
    @Order(4)
    void reviewersAreRemindedOfApplicationsAwaitingReviewOncePerReminderDay() throws Exception {
        // app-s (submitted in the previous test) awaits review in the reminder call
        clock.fix(Instant.parse("2099-08-14T02:00:00Z"));
        reminders.run();
        reminders.run();
        mongo.getCollection("reminder_runs").deleteMany(new Document());
        reminders.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mailsTo("reviewer1@review.example")).singleElement().asString()
                    .startsWith("【石景山区商业秘密保护示范基地申报】审核推荐截止提醒")
                    .contains("2099年8月15日", "还有 1 天", "1 份", "app-s").doesNotContain("app-d", "app-x");
            assertThat(mailsTo("reviewer2@review.example")).hasSize(1);
        });
        assertThat(notificationsOf("eventType", "reminder.review-pending")).isEqualTo(2);

        // in the log for ADMIN in full, for reviewers masked; contact ids name no address
        JsonNode admin = items("?status=SENT&size=100", TestTokens.token("ADMIN", null));
        List<JsonNode> reviewerMails = new ArrayList<>();
        admin.forEach(n -> {
            if ("reminder.review-pending".equals(n.get("eventType").asString())) {
                reviewerMails.add(n);
            }
        });
        assertThat(reviewerMails).extracting(n -> n.get("recipient").asString())
                .containsExactlyInAnyOrder("reviewer1@review.example", "reviewer2@review.example");
        assertThat(reviewerMails).allSatisfy(n -> assertThat(n.get("contactId").asString()).startsWith("reviewer-")
                .doesNotContain("review.example"));
        JsonNode reviewer = items("?status=SENT&size=100", TestTokens.token("DISTRICT_REVIEWER", null));
        assertThat(reviewer.toString()).doesNotContain("reviewer1@review.example");
        // and nothing of them for an applicant
        assertThat(items("", TestTokens.applicant(ORG_S)).toString()).doesNotContain("reminder.review-pending");
    }
}
