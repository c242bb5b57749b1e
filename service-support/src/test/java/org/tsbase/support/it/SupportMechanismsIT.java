package org.tsbase.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;

/**
 * The shared mechanisms on real infrastructure: outbox relay and sweep across a broker outage, dead-lettering of
 * failing and poison records without stalling the partition, JWT checks and problem+json errors.
 */
@SpringBootTest(classes = SupportTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupportMechanismsIT {

    static final String ORG = "91110107MA01B2C34M";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "support-it");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    SupportTestApp.ThingListener listener;

    final HttpClient http = HttpClient.newHttpClient();

    String bootstrap() {
        return TestInfrastructure.kafka().bootstrapServers();
    }

    HttpResponse<String> post(String path, String token, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void eventIsPublishedAsCloudEventAndLeavesTheOutboxOnlyAfterTheAck() throws Exception {
        var response = post("/things/t1", TestTokens.applicant(ORG), "{\"name\":\"first\"}");
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listener.processed).contains("t1"));
        assertThat(relay.pending("things")).isZero();
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readAll(bootstrap(), SupportTestApp.TOPIC);
        assertThat(records).filteredOn(r -> "t1".equals(r.key())).singleElement().satisfies(r -> {
            assertThat(TopicProbe.header(r, "ce_type")).isEqualTo(SupportTestApp.TYPE);
            assertThat(TopicProbe.header(r, "ce_source")).isEqualTo("/tsbase/support-it");
            assertThat(TopicProbe.header(r, "ce_subject")).isEqualTo("t1");
            assertThat(new String(r.value())).contains("\"name\":\"first\"");
        });
    }

    @Test
    @Order(2)
    void failingAndPoisonRecordsGoToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        post("/things/bad1", TestTokens.applicant(ORG), "{\"name\":\"failing\"}");
        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(SupportTestApp.TOPIC, "poison1", "not an event".getBytes()));
        post("/things/after1", TestTokens.applicant(ORG), "{\"name\":\"fine\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(listener.processed).contains("after1").doesNotContain("bad1");
            List<String> dead = TopicProbe.readAll(bootstrap(), SupportTestApp.TOPIC + "-dlt").stream()
                    .map(ConsumerRecord::key).toList();
            assertThat(dead).contains("bad1", "poison1");
        });
    }

    /**
     * A record that fails because the database is away is not at fault: it is tried until the database answers
     * (here 6 s, four times the bounded retries of a failing record) and processed then, never dead-lettered.
     */
    @Test
    @Order(2)
    void aRecordWaitsForTheDatabaseInsteadOfGoingToTheDeadLetterTopic() throws Exception {
        post("/things/away1", TestTokens.applicant(ORG), "{\"name\":\"away\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(listener.processed).contains("away1"));
        assertThat(listener.attempts.get("away1")).isGreaterThan(1);
        assertThat(TopicProbe.readAll(bootstrap(), SupportTestApp.TOPIC + "-dlt")).extracting(ConsumerRecord::key)
                .doesNotContain("away1");
    }

    @Test
    @Order(3)
    void anEventSurvivesABrokerOutageAndArrivesOnce() throws Exception {
        TestInfrastructure.kafka().stop();
        try {
            var response = post("/things/outage1", TestTokens.applicant(ORG), "{\"name\":\"outage\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(relay.pending("things")).isEqualTo(1));
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(relay.pending("things")).isZero();
            assertThat(listener.processed).contains("outage1");
        });
        assertThat(TopicProbe.readAll(bootstrap(), SupportTestApp.TOPIC))
                .filteredOn(r -> "outage1".equals(r.key())).hasSize(1);
    }

    @Test
    void noTokenIs401ProblemInChineseAndEnglishOnRequest() throws Exception {
        var zh = get("/things/t1", null);
        assertThat(zh.statusCode()).isEqualTo(401);
        assertThat(zh.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(zh.body()).contains("\"status\":401").contains("缺少访问令牌");
        assertThat(zh.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        var en = get("/things/t1", null, "Accept-Language", "en");
        assertThat(en.body()).contains("A bearer token is required");
    }

    @Test
    void expiredForeignUnsignedAndWrongAudienceTokensAre401() throws Exception {
        for (String token : List.of(TestTokens.expired("ADMIN", null), TestTokens.signedByAnotherKey("ADMIN", null),
                TestTokens.unsigned("ADMIN", null), TestTokens.withAudience("ADMIN", "someone-else"),
                "not.a.token")) {
            var r = get("/admin/things", token);
            assertThat(r.statusCode()).as(token).isEqualTo(401);
            assertThat(r.body()).contains("访问令牌无效");
        }
        assertThat(get("/admin/things", TestTokens.token("ADMIN", null)).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongRoleIs403Problem() throws Exception {
        var r = get("/admin/things", TestTokens.applicant(ORG));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("无权");
    }

    @Test
    void unknownFieldAndOperatorKeysAre400NamingTheFieldAndStoreNothing() throws Exception {
        var r = post("/things/x1", TestTokens.applicant(ORG), "{\"name\":\"x\",\"$ne\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"$ne\"").contains("不允许的字段");
        var v = post("/things/x2", TestTokens.applicant(ORG), "{\"name\":\"waytoolongname\"}");
        assertThat(v.statusCode()).isEqualTo(400);
        assertThat(v.body()).contains("\"field\":\"name\"");
        var op = post("/things/x3", TestTokens.applicant(ORG), "{\"name\":{\"$ne\":null}}");
        assertThat(op.statusCode()).isEqualTo(400);
        assertThat(mongo.findById("x1", SupportTestApp.Thing.class)).isNull();
        assertThat(mongo.findById("x2", SupportTestApp.Thing.class)).isNull();
        assertThat(mongo.findById("x3", SupportTestApp.Thing.class)).isNull();
    }

    @Test
    void oversizedBodyIs413AndStoresNothing() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var r = post("/things/big1", TestTokens.applicant(ORG), big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("请求体超过上限");
        assertThat(mongo.findById("big1", SupportTestApp.Thing.class)).isNull();
    }

    @Test
    void healthIsAnonymousAndUpWithMongoPing() throws Exception {
        var r = get("/actuator/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void onlyHealthAndDocsAreAnonymousMetricsAreForAdmin() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", TestTokens.applicant(ORG)).statusCode()).isEqualTo(403);
        var metrics = get("/actuator/prometheus", TestTokens.token("ADMIN", null));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
