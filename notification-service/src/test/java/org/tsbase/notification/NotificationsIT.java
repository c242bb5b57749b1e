package org.tsbase.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.ApplicationCreated;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.ContactsChanged;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * notification-service on a real KRaft broker, a MongoDB-wire server and a real SMTP server (GreenMail): events in,
 * mails out, exactly once per event and contact, nothing on replays or for removed contacts, retries across an SMTP
 * outage, and the notification log as each role sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsbase.notifications.delivery.initial-backoff=300ms",
        "tsbase.notifications.delivery.max-backoff=1s",
        "tsbase.notifications.delivery.retry-poll-interval=300ms",
        "tsbase.notifications.delivery.max-attempts=50",
        "spring.mail.properties[mail.smtp.connectiontimeout]=1000",
        "spring.mail.properties[mail.smtp.timeout]=1000",
        "spring.mail.properties[mail.smtp.writetimeout]=1000"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationsIT {

    static final String ORG_A = "91110107MA01B2C34M";
    static final String ORG_B = "91110107MA04D5E63X";
    static final String ORG_C = "91110107MA07F8G926";
    static final String ORG_D = "91110107MA0A0000D1";
    static final String ORG_E = "91110107MA0A0000E2";
    static final String ORG_F = "91110107MA0A0000F3";
    static final String ORG_G = "91110107MA0A0000G4";
    static final String ORG_H = "91110107MA0A0000H5";
    static final String GROUP = "notification-service";
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "tsbase-notifications-it");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    /** The topics other services own, created up front so that the listeners are assigned at once. */
    @TestConfiguration
    static class Topics4Test {

        @Bean
        NewTopic contacts() {
            return TopicBuilder.name(Topics.CONTACTS).partitions(3).compact().build();
        }

        @Bean
        NewTopic calls() {
            return TopicBuilder.name(Topics.CALLS).partitions(3).compact().build();
        }

        @Bean
        NewTopic scores() {
            return TopicBuilder.name(Topics.SCORES).partitions(3).build();
        }

        @Bean
        NewTopic applications() {
            return TopicBuilder.name(Topics.APPLICATIONS).partitions(3).build();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    org.tsbase.notification.notifications.Notifier notifier;

    final HttpClient http = HttpClient.newHttpClient();

    // ---------------------------------------------------------------- events, mails and records

    static String bootstrap() {
        return TestInfrastructure.bootstrapServers();
    }

    static ContactsChanged.Contact contact(String id, String name, String email, String mobile, String... channels) {
        return new ContactsChanged.Contact(id, name, email, mobile, List.of(channels));
    }

    static void publishContacts(String org, long version, ContactsChanged.Contact... contacts) {
        TopicProbe.sendEvent(bootstrap(), Topics.CONTACTS, org, EventTypes.CONTACTS_CHANGED,
                "contacts-" + org + "-" + version, new ContactsChanged(org, List.of(contacts), version, Instant.now()));
    }

    static ScoreComputed score(String applicationId, String org, String total, boolean passed) {
        return new ScoreComputed(applicationId, "sjs-2023", ApplicationType.POINT, org, "测试单位" + org.substring(14),
                1, "sjs-point-2023", 1, new BigDecimal(total).subtract(new BigDecimal("2")), new BigDecimal("2"),
                new BigDecimal(total), passed,
                List.of(new ScoreComputed.CriterionPoints("P1", BigDecimal.TEN, new BigDecimal("9.5"))),
                "SUBMISSION", 1, Instant.parse("2023-07-10T02:30:00Z"));
    }

    static void publishScore(String eventId, ScoreComputed score) {
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, score.applicationId(), EventTypes.SCORE_COMPUTED, eventId,
                score);
    }

    static void publishReplayedScore(String eventId, ScoreComputed score) {
        var record = new ProducerRecord<String, byte[]>(Topics.SCORES, score.applicationId(), EventJson.toBytes(score));
        Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", EventTypes.SCORE_COMPUTED,
                        "ce_source", "/tsbase/scoring-service", "ce_subject", score.applicationId(),
                        "content-type", "application/json", "ce_replay", "true")
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        TopicProbe.sendRaw(bootstrap(), record);
    }

    /** What the SMTP server received for one address: the decoded bodies. */
    static List<String> mailsTo(String address) {
        List<String> bodies = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                    bodies.add(m.getSubject() + "\n" + m.getContent());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    List<Document> records(String eventId) {
        return mongo.getCollection("notifications").find(new Document("eventId", eventId)).into(new ArrayList<>());
    }

    /** Waits until the service has committed every record now on {@code topic}: all of them were handled. */
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

    void awaitContactCopy(String org, long version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Document copy = mongo.getCollection("contact_copies").find(new Document("_id", org)).first();
            assertThat(copy).isNotNull();
            assertThat(((Number) copy.get("version")).longValue()).isEqualTo(version);
        });
    }

    // ---------------------------------------------------------------- HTTP

    HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode items(String query, String token) throws Exception {
        var r = call("GET", "/api/notifications" + query, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body()).get("items");
    }

    // ---------------------------------------------------------------- the story

    @Test
    @Order(1)
    void aScoreReachesEachEmailContactOnceAndARedeliveryOrAReplaySendsNothingMore() throws Exception {
        // the call's results are published: scores are mailed as they come (ProcedureNotificationsIT: before)
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, "sjs-2023", EventTypes.CALL_UPSERTED, "call-2023-1",
                new CallUpserted("sjs-2023", "2023 年度石景山区商业秘密保护示范基地申报", "石景山区", 2023,
                        Instant.parse("2023-05-01T00:00:00Z"), Instant.parse("2023-06-30T15:59:59Z"), null, null,
                        Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                        Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                        null, 1, "110107", Instant.parse("2023-08-20T02:00:00Z"), null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("call_copies")
                .countDocuments(new Document("_id", "sjs-2023").append("resultsPublishedAt",
                        new Document("$exists", true))) == 1);
        publishContacts(ORG_A, 1,
                contact("a-1", "张三", "zhangsan@a.example", null, "EMAIL"),
                contact("a-2", "李四", "lisi@a.example", "13912345678", "EMAIL", "SMS"));
        awaitContactCopy(ORG_A, 1);

        publishScore("score-a-1", score("app-a", ORG_A, "86.5", true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mailsTo("zhangsan@a.example")).hasSize(1);
            assertThat(mailsTo("lisi@a.example")).hasSize(1);
        });
        String mail = mailsTo("zhangsan@a.example").get(0);
        assertThat(mail).startsWith("【石景山区商业秘密保护示范基地申报】评分结果通知")
                .contains("张三，您好", "总分：86.5 分", "达到合格标准（合格）", "sjs-point-2023", "P1：9.5 / 10 分")
                .doesNotContain("李四", "lisi@a.example", ORG_B);

        // three records: two mails SENT, one text message FAILED for want of an SMS channel
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(records("score-a-1"))
                .extracting(d -> d.getString("channel") + ":" + d.getString("status"))
                .containsExactlyInAnyOrder("EMAIL:SENT", "EMAIL:SENT", "SMS:FAILED"));
        Document sms = records("score-a-1").stream().filter(d -> d.getString("channel").equals("SMS")).findFirst()
                .orElseThrow();
        assertThat(sms.getString("lastError")).isEqualTo("SMS 通道未配置");
        assertThat(sms.getInteger("attempts")).isEqualTo(1);

        // the same event again (same ce_id), and a replayed score: nothing more is created or sent
        publishScore("score-a-1", score("app-a", ORG_A, "86.5", true));
        publishReplayedScore("score-a-replay", score("app-a", ORG_A, "66", false));
        awaitConsumed(Topics.SCORES);
        assertThat(records("score-a-1")).hasSize(3);
        assertThat(records("score-a-replay")).isEmpty();
        assertThat(mailsTo("zhangsan@a.example")).hasSize(1);
        assertThat(mailsTo("lisi@a.example")).hasSize(1);

        // every SENT and FAILED is published, conforming to its schema and without any address or phone number
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> recorded = TopicProbe.readAll(bootstrap(), Topics.NOTIFICATIONS,
                    EventTypes.NOTIFICATION_RECORDED).stream().filter(r -> "app-a".equals(r.key())).toList();
            assertThat(recorded).hasSize(3);
            for (var r : recorded) {
                EventContractAssertions.assertConforms(EventTypes.NOTIFICATION_RECORDED, r.value());
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .doesNotContain("@a.example", "13912345678", "张三");
            }
        });
    }

    @Test
    @Order(2)
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventIsStillProcessed() throws Exception {
        publishContacts(ORG_B, 1, contact("b-1", "王五", "wangwu@b.example", null, "EMAIL"));
        awaitContactCopy(ORG_B, 1);

        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.SCORES, "app-b", "not an event".getBytes()));
        var unreadable = new ProducerRecord<String, byte[]>(Topics.SCORES, "app-b", "{\"total\": [".getBytes());
        Map.of("ce_specversion", "1.0", "ce_id", "score-b-bad", "ce_type", EventTypes.SCORE_COMPUTED,
                        "ce_source", "/tsbase/test", "content-type", "application/json")
                .forEach((k, v) -> unreadable.headers().add(new RecordHeader(k, v.getBytes())));
        TopicProbe.sendRaw(bootstrap(), unreadable);
        publishScore("score-b-1", score("app-b", ORG_B, "91", true));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mailsTo("wangwu@b.example")).singleElement().asString().contains("总分：91 分");
            assertThat(TopicProbe.readAll(bootstrap(), Topics.deadLetter(Topics.SCORES)))
                    .filteredOn(r -> "app-b".equals(r.key())).hasSize(2);
        });
    }

    @Test
    @Order(3)
    void applicationsGetAReceiptAndTheirDecisionsWithTheCallsTitleAndOtherEventsAreIgnored() throws Exception {
        publishContacts(ORG_E, 1, contact("e-1", "周八", "zhouba@e.example", null, "EMAIL"));
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, "sjs-2099", EventTypes.CALL_UPSERTED, "call-2099-1",
                new CallUpserted("sjs-2099", "2099 年度石景山区商业秘密保护示范基地申报", "石景山区", 2099,
                        Instant.parse("2099-05-01T00:00:00Z"), Instant.parse("2099-05-31T15:59:59Z"), null, null,
                        Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                        Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                        null, 1));
        awaitContactCopy(ORG_E, 1);
        awaitConsumed(Topics.CALLS);

        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-e", EventTypes.APPLICATION_CREATED, "app-e-created",
                new ApplicationCreated("app-e", "sjs-2099", ApplicationType.POINT, ORG_E, "测试单位E", 1, Instant.now()));
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-e", EventTypes.APPLICATION_SUBMITTED,
                "app-e-submitted", new ApplicationSubmitted("app-e", "sjs-2099", ApplicationType.POINT, 2,
                        Instant.parse("2099-05-20T02:00:00Z"),
                        new OrganizationFacts(ORG_E, "测试单位E", null, 50, null), Map.of("fixedOffice", true)));
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-e", EventTypes.APPLICATION_STATUS_CHANGED,
                "app-e-scored", changed("app-e", ORG_E, "SUBMITTED", "SCORED", null));
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-e", EventTypes.APPLICATION_STATUS_CHANGED,
                "app-e-recommended", changed("app-e", ORG_E, "SCORED", "RECOMMENDED", "制度健全，建议推荐"));
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-e", "tsbase.something.unknown.v1",
                "app-e-unknown", Map.of("anything", 1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("zhouba@e.example"))
                .hasSize(2));
        awaitConsumed(Topics.APPLICATIONS);
        List<String> mails = mailsTo("zhouba@e.example");
        assertThat(mails).anySatisfy(m -> assertThat(m).startsWith("【石景山区商业秘密保护示范基地申报】申报已受理")
                .contains("2099 年度石景山区商业秘密保护示范基地申报", "app-e", "2099-05-20 10:00"));
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("区级推荐结果通知", "已被推荐为", "制度健全，建议推荐"));
        assertThat(mongo.getCollection("notifications").countDocuments(new Document("applicationId", "app-e")))
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void aReceiptWhoseContactsArriveAfterTheSubmissionIsSentWhenTheyArrive() throws Exception {
        // the two topics are read independently: the submission can be handled before the contacts its applicant
        // registered a moment earlier (the fault suite lost receipts this way)
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-f", EventTypes.APPLICATION_SUBMITTED,
                "app-f-submitted", new ApplicationSubmitted("app-f", "sjs-2099", ApplicationType.POINT, 2,
                        Instant.parse("2099-05-21T02:00:00Z"),
                        new OrganizationFacts(ORG_F, "测试单位F", null, 50, null), Map.of("fixedOffice", true)));
        awaitConsumed(Topics.APPLICATIONS);
        assertThat(records("app-f-submitted")).isEmpty();
        assertThat(mongo.getCollection("waiting_triggers").countDocuments(new Document("creditCode", ORG_F)))
                .isEqualTo(1);

        publishContacts(ORG_F, 1, contact("f-1", "郑九", "zhengjiu@f.example", null, "EMAIL"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo("zhengjiu@f.example"))
                .singleElement().satisfies(m -> assertThat(m).startsWith("【石景山区商业秘密保护示范基地申报】申报已受理")
                        .contains("app-f", "2099-05-21 10:00")));
        awaitConsumed(Topics.CONTACTS);
        assertThat(mongo.getCollection("waiting_triggers").countDocuments(new Document("creditCode", ORG_F))).isZero();

        // the same contacts again (a redelivery) and the submission again send nothing more
        publishContacts(ORG_F, 1, contact("f-1", "郑九", "zhengjiu@f.example", null, "EMAIL"));
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-f", EventTypes.APPLICATION_SUBMITTED,
                "app-f-submitted", new ApplicationSubmitted("app-f", "sjs-2099", ApplicationType.POINT, 2,
                        Instant.parse("2099-05-21T02:00:00Z"),
                        new OrganizationFacts(ORG_F, "测试单位F", null, 50, null), Map.of("fixedOffice", true)));
        awaitConsumed(Topics.CONTACTS);
        awaitConsumed(Topics.APPLICATIONS);
        assertThat(mailsTo("zhengjiu@f.example")).hasSize(1);
        assertThat(records("app-f-submitted")).hasSize(1);
    }

    @Test
    @Order(3)
    void whatWaitedLongerThanAWeekForContactsIsNeitherSentNorKept() throws Exception {
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        mongo.getCollection("waiting_triggers").insertMany(List.of(
                waiting("old-g", ORG_G, eightDaysAgo), waiting("old-h", ORG_H, eightDaysAgo),
                waiting("new-h", ORG_H, Instant.now())));

        publishContacts(ORG_G, 1, contact("g-1", "吴十", "wushi@g.example", null, "EMAIL"));
        awaitContactCopy(ORG_G, 1);
        awaitConsumed(Topics.CONTACTS);
        notifier.forgetExpired();

        assertThat(records("old-g")).isEmpty();
        assertThat(mailsTo("wushi@g.example")).isEmpty();
        assertThat(mongo.getCollection("waiting_triggers").find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                .contains("new-h").doesNotContain("old-g", "old-h");
    }

    static Document waiting(String eventId, String org, Instant since) {
        Document trigger = new Document("eventId", eventId).append("eventType", EventTypes.SCORE_COMPUTED)
                .append("creditCode", org).append("applicationId", "app-" + eventId).append("template", "score")
                .append("model", new Document());
        return new Document("_id", eventId).append("creditCode", org).append("trigger", trigger)
                .append("waitingSince", java.util.Date.from(since));
    }

    static ApplicationStatusChanged changed(String applicationId, String org, String from, String to, String opinion) {
        return new ApplicationStatusChanged(applicationId, "sjs-2099", ApplicationType.POINT, org, "测试单位E", 3, from,
                to, opinion == null ? null
                        : new ApplicationStatusChanged.Opinion("DISTRICT", true, opinion, "district-reviewer",
                                Instant.now()), Instant.now());
    }

    @Test
    @Order(4)
    void afterAContactTombstoneTheOrganisationGetsNothing() throws Exception {
        publishContacts(ORG_C, 1, contact("c-1", "赵六", "zhaoliu@c.example", null, "EMAIL"));
        awaitContactCopy(ORG_C, 1);
        // an older list arriving late changes nothing
        publishContacts(ORG_C, 0, contact("c-0", "旧联络人", "old@c.example", null, "EMAIL"));
        awaitConsumed(Topics.CONTACTS);
        assertThat(mongo.getCollection("contact_copies").find(new Document("_id", ORG_C)).first().toJson())
                .contains("zhaoliu@c.example").doesNotContain("old@c.example");

        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.CONTACTS, ORG_C, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                mongo.getCollection("contact_copies").countDocuments(new Document("_id", ORG_C))).isZero());

        publishScore("score-c-1", score("app-c", ORG_C, "88", true));
        awaitConsumed(Topics.SCORES);
        assertThat(records("score-c-1")).isEmpty();
        assertThat(mailsTo("zhaoliu@c.example")).isEmpty();
    }

    @Test
    @Order(5)
    void theLogShowsApplicantsOnlyTheirOwnOrganisationAndMasksRecipientsForReviewers() throws Exception {
        assertThat(call("GET", "/api/notifications", null).statusCode()).isEqualTo(401);

        JsonNode admin = items("?creditCode=" + ORG_A, TestTokens.token("ADMIN", null));
        assertThat(admin).hasSize(3);
        assertThat(admin.findValuesAsString("recipient"))
                .containsExactlyInAnyOrder("zhangsan@a.example", "lisi@a.example", "13912345678");
        assertThat(items("", TestTokens.token("ADMIN", null)).findValuesAsString("creditCode")).contains(ORG_A, ORG_B);

        JsonNode own = items("", TestTokens.applicant(ORG_A));
        assertThat(own.findValuesAsString("creditCode")).hasSize(3).containsOnly(ORG_A);
        assertThat(own.findValuesAsString("recipient")).contains("zhangsan@a.example");
        assertThat(own.findValuesAsString("recipientName")).contains("张三");
        assertThat(items("?applicationId=app-a&status=FAILED", TestTokens.applicant(ORG_A))).hasSize(1);
        // another organisation's filter finds nothing of it
        assertThat(items("?creditCode=" + ORG_B, TestTokens.applicant(ORG_A))).isEmpty();
        assertThat(items("?applicationId=app-b", TestTokens.applicant(ORG_A))).isEmpty();

        JsonNode reviewer = items("?creditCode=" + ORG_A, TestTokens.token("DISTRICT_REVIEWER", null));
        assertThat(reviewer.findValuesAsString("recipient"))
                .containsExactlyInAnyOrder("z***@a.example", "l***@a.example", "139****5678");
        assertThat(reviewer.findValuesAsString("recipientName")).containsOnly("张*", "李*");
        assertThat(reviewer.toString()).doesNotContain("zhangsan@", "13912345678");

        String idOfB = items("?creditCode=" + ORG_B, TestTokens.token("ADMIN", null)).get(0).get("id").asString();
        assertThat(call("GET", "/api/notifications/" + idOfB, TestTokens.applicant(ORG_A)).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/notifications/" + idOfB, TestTokens.applicant(ORG_B)).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/notifications?size=1000", TestTokens.applicant(ORG_A)).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void anAdminResendIsOneMoreAttemptAndOneMoreMail() throws Exception {
        String id = items("?creditCode=" + ORG_B, TestTokens.token("ADMIN", null)).get(0).get("id").asString();
        assertThat(call("POST", "/api/notifications/" + id + "/resend", TestTokens.applicant(ORG_B)).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/notifications/nope/resend", TestTokens.token("ADMIN", null)).statusCode())
                .isEqualTo(404);

        var resent = call("POST", "/api/notifications/" + id + "/resend", TestTokens.token("ADMIN", null));
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        JsonNode record = EventJson.mapper().readTree(resent.body());
        assertThat(record.get("status").asString()).isEqualTo("SENT");
        assertThat(record.get("attempts").asInt()).isEqualTo(2);
        assertThat(record.get("recipient").asString()).isEqualTo("wangwu@b.example");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailsTo("wangwu@b.example")).hasSize(2));
    }

    /** Last: stopping GreenMail also empties its mailboxes. */
    @Test
    @Order(7)
    void duringAnSmtpOutageTheMailWaitsWithItsAttemptsAndTheRetryJobSendsItLater() throws Exception {
        publishContacts(ORG_D, 1, contact("d-1", "孙七", "sunqi@d.example", null, "EMAIL"));
        awaitContactCopy(ORG_D, 1);

        smtp.stop();
        try {
            publishScore("score-d-1", score("app-d", ORG_D, "80", true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(records("score-d-1"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.getString("status")).isEqualTo("PENDING");
                        assertThat(d.getInteger("attempts")).isGreaterThanOrEqualTo(2);
                        assertThat(d.getString("lastError")).containsIgnoringCase("connect")
                                .doesNotContain("sunqi@d.example");
                    }));
            var pending = items("?creditCode=" + ORG_D, TestTokens.token("ADMIN", null)).get(0);
            assertThat(pending.get("status").asString()).isEqualTo("PENDING");
            assertThat(pending.get("lastError").asString()).isNotBlank();
        } finally {
            smtp.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mailsTo("sunqi@d.example")).singleElement().asString().contains("总分：80 分");
            assertThat(records("score-d-1")).singleElement()
                    .satisfies(d -> assertThat(d.getString("status")).isEqualTo("SENT"));
        });
        assertThat(records("score-d-1").get(0).getInteger("attempts")).isGreaterThanOrEqualTo(3);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
