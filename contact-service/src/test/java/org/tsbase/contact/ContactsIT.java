package org.tsbase.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.CreditCode;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * contact-service on a real KRaft broker and a MongoDB-wire server: the API as each role sees it, validation,
 * version conflicts, and what really lands on the compacted contact topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tsbase.contacts.max-per-organization=3")
class ContactsIT {

    static final String ORG = "91110107MA01B2C34M";
    static final String OTHER_ORG = "91110107MA04D5E63X";
    static final String ZONE_ORG = "91110107MA07F8G926";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "tsbase-contacts-it");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;

    final HttpClient http = HttpClient.newHttpClient();

    /** A valid credit code of its own for each test that needs a fresh organisation. */
    static String org(String organizationCodeBody) {
        String first16 = "91110107" + organizationCodeBody;
        String first17 = first16 + CreditCode.organizationCodeCheck(organizationCodeBody);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static String contact(String name, String email, String mobile) {
        return """
                {"name":"%s","department":"法务部","title":"法务经理","officePhone":"010-88797656",
                 "mobilePhone":"%s","email":"%s","remarks":"工作日 9:00-17:00","channels":["EMAIL","SMS"]}"""
                .formatted(name, mobile, email);
    }

    HttpResponse<String> send(String method, String path, String token, String json, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    static String contacts(String code) {
        return "/api/organizations/" + code + "/contacts";
    }

    long storedVersion(String code) {
        var doc = mongo.getCollection("organizations").find(new org.bson.Document("_id", code)).first();
        return doc == null ? 0 : ((Number) doc.get("version")).longValue();
    }

    String bootstrap() {
        return TestInfrastructure.bootstrapServers();
    }

    @Test
    void withoutTokenIs401() throws Exception {
        var r = send("GET", contacts(ORG), null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("缺少访问令牌");
        assertThat(send("POST", contacts(ORG), null, contact("张三", "a@b.cn", "13812345678")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theOrganisationCreatesListsUpdatesAndDeletesItsContacts() throws Exception {
        String code = org("MA0CRUD1");
        String token = TestTokens.applicant(code);

        var created = send("POST", contacts(code), token, contact("张三", "zhangsan@example.com", "13812345678"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        String id = json(created).get("contactId").asString();
        assertThat(created.headers().firstValue("Location")).hasValue(contacts(code) + "/" + id);
        assertThat(json(created).get("mobilePhone").asString()).isEqualTo("13812345678");

        var second = send("POST", contacts(code), token, contact("李四", "lisi@example.com", "13912345678"));
        assertThat(second.statusCode()).isEqualTo(201);
        String secondId = json(second).get("contactId").asString();

        var list = send("GET", contacts(code), token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(json(list).get("contacts")).hasSize(2);
        assertThat(json(list).get("masked").asBoolean()).isFalse();

        String changed = contact("张三丰", "zsf@example.com", "13812349999").replace("[\"EMAIL\",\"SMS\"]", "[\"EMAIL\"]");
        var updated = send("PUT", contacts(code) + "/" + id, token, changed, "If-Match", "\"2\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"3\"");
        assertThat(json(updated).get("name").asString()).isEqualTo("张三丰");
        assertThat(json(updated).get("channels").toString()).isEqualTo("[\"EMAIL\"]");

        var one = send("GET", contacts(code) + "/" + id, token, null);
        assertThat(json(one).get("email").asString()).isEqualTo("zsf@example.com");

        assertThat(send("DELETE", contacts(code) + "/" + secondId, token, null, "If-Match", "\"3\"").statusCode())
                .isEqualTo(204);
        assertThat(send("GET", contacts(code) + "/" + secondId, token, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", contacts(code) + "/" + secondId, token, null).statusCode()).isEqualTo(404);
        assertThat(json(send("GET", contacts(code), token, null)).get("contacts")).hasSize(1);
        assertThat(storedVersion(code)).isEqualTo(4);
    }

    @Test
    void theSameContactPostedAgainIsTheOneAlreadyRegisteredAndChangesNothing() throws Exception {
        String code = org("MA0RETRY");
        String token = TestTokens.applicant(code);
        String body = contact("王五", "wangwu@example.com", "13712345678");
        var first = send("POST", contacts(code), token, body);
        assertThat(first.statusCode()).isEqualTo(201);

        // a client whose answer got lost sends the same request again
        var retry = send("POST", contacts(code), token, body);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("contactId").asString()).isEqualTo(json(first).get("contactId").asString());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(send("GET", contacts(code), token, null)).get("contacts")).hasSize(1);
        assertThat(storedVersion(code)).as("no second write, so no second event").isEqualTo(1);
        // other details are another contact
        assertThat(send("POST", contacts(code), token, contact("王五", "wangwu@example.com", "13712340000"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void phonesAreMaskedForReviewersButNotForTheOrganisationOrAdmin() throws Exception {
        String code = org("MA0MA5K1");
        send("POST", contacts(code), TestTokens.applicant(code), contact("王五", "wangwu@example.com", "13812345678"));

        for (String role : List.of("DISTRICT_REVIEWER", "CITY_REVIEWER")) {
            JsonNode reviewer = json(send("GET", contacts(code), TestTokens.token(role, null), null));
            JsonNode c = reviewer.get("contacts").get(0);
            assertThat(reviewer.get("masked").asBoolean()).isTrue();
            assertThat(c.get("mobilePhone").asString()).as(role).isEqualTo("138****5678");
            assertThat(c.get("officePhone").asString()).as(role).isEqualTo("010****7656");
            assertThat(reviewer.toString()).doesNotContain("13812345678", "010-88797656");
        }
        for (String token : List.of(TestTokens.applicant(code), TestTokens.token("ADMIN", null))) {
            JsonNode c = json(send("GET", contacts(code), token, null)).get("contacts").get(0);
            assertThat(c.get("mobilePhone").asString()).isEqualTo("13812345678");
            assertThat(c.get("officePhone").asString()).isEqualTo("010-88797656");
        }
    }

    @Test
    void anotherOrganisationsApplicantGets404AndChangesNothing() throws Exception {
        String code = org("MA0PR1W1");
        var created = send("POST", contacts(code), TestTokens.applicant(code), contact("赵六", "zl@example.com", "13812345678"));
        String id = json(created).get("contactId").asString();
        String stranger = TestTokens.applicant(OTHER_ORG);

        for (var r : List.of(send("GET", contacts(code), stranger, null),
                send("GET", contacts(code) + "/" + id, stranger, null),
                send("POST", contacts(code), stranger, contact("冒名", "x@example.com", "13800000000")),
                send("PUT", contacts(code) + "/" + id, stranger, contact("冒名", "x@example.com", "13800000000")),
                send("DELETE", contacts(code) + "/" + id, stranger, null))) {
            assertThat(r.statusCode()).as(r.request().method()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("赵六", "13812345678");
        }
        // a reviewer may read but not change: the organisation is no secret to them, so 403 and not 404
        assertThat(send("POST", contacts(code), TestTokens.token("DISTRICT_REVIEWER", null),
                contact("审核", "r@example.com", "13800000000")).statusCode()).isEqualTo(403);
        // ADMIN may change any organisation's contacts
        assertThat(send("PUT", contacts(code) + "/" + id, TestTokens.token("ADMIN", null),
                contact("赵六", "zl@example.com", "13812345670")).statusCode()).isEqualTo(200);

        assertThat(storedVersion(code)).isEqualTo(2);
        JsonNode list = json(send("GET", contacts(code), TestTokens.applicant(code), null));
        assertThat(list.get("contacts")).hasSize(1);
        assertThat(list.get("contacts").get(0).get("name").asString()).isEqualTo("赵六");
    }

    @Test
    void invalidInputIs400NamingEachFieldInChineseOrEnglishAndStoresNothing() throws Exception {
        String code = org("MA0WALD1");
        String token = TestTokens.applicant(code);
        String bad = """
                {"name":" ","officePhone":"12","mobilePhone":"12812345678","email":"x@","channels":["EMAIL"]}""";

        var zh = send("POST", contacts(code), token, bad);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode errors = json(zh).get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactly("name", "officePhone", "mobilePhone", "email");
        assertThat(zh.body()).contains("姓名（name）不能为空", "个人电话（mobilePhone）应为 11 位大陆手机号码");

        var en = send("POST", contacts(code), token, bad, "Accept-Language", "en");
        assertThat(en.body()).contains("The name (name) is required", "mainland mobile number");

        var operator = send("POST", contacts(code), token, """
                {"name":{"$ne":null},"email":"a@b.cn","channels":["EMAIL"]}""");
        assertThat(operator.statusCode()).isEqualTo(400);
        assertThat(json(operator).get("errors").findValuesAsString("field")).containsExactly("name");

        var dollarKey = send("POST", contacts(code), token, """
                {"name":"张三","email":"a@b.cn","channels":["EMAIL"],"$where":"1"}""");
        assertThat(dollarKey.statusCode()).isEqualTo(400);
        assertThat(dollarKey.body()).contains("\"field\":\"$where\"");

        var unknownChannel = send("POST", contacts(code), token, """
                {"name":"张三","email":"a@b.cn","channels":["FAX"]}""");
        assertThat(unknownChannel.statusCode()).isEqualTo(400);

        var badCode = send("GET", contacts("91110107MA01B2C34N"), TestTokens.applicant("91110107MA01B2C34N"), null);
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(badCode.body()).contains("\"field\":\"creditCode\"", "第 18 位校验码不正确");

        assertThat(storedVersion(code)).isZero();
    }

    @Test
    void controlCharactersHugeChannelListsAndNonJsonBodiesAreRefusedAndStoreNothing() throws Exception {
        String code = org("MA0HQTL1");
        String token = TestTokens.applicant(code);

        for (String name : new String[] {"敌意\\u0000联络", "敌意\\u001b[31m联络", "敌意\\u007f联络"}) {
            var control = send("POST", contacts(code), token, contact(name, "a@b.cn", "13812345678"));
            assertThat(control.statusCode()).as(name).isEqualTo(400);
            assertThat(control.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json(control).get("errors").findValuesAsString("field")).containsExactly("name");
            assertThat(control.body()).contains("姓名（name）不能包含控制字符");
        }
        var remarksWithLines = contact("张三", "a@b.cn", "13812345678")
                .replace("工作日 9:00-17:00", "工作日\\n9:00-17:00\\u0000");
        assertThat(json(send("POST", contacts(code), token, remarksWithLines)).get("errors")
                .findValuesAsString("field")).containsExactly("remarks");

        String manyChannels = contact("张三", "a@b.cn", "13812345678").replace("[\"EMAIL\",\"SMS\"]",
                "[" + String.join(",", java.util.Collections.nCopies(100_000, "\"EMAIL\"")) + "]");
        var tooMany = send("POST", contacts(code), token, manyChannels);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("\"field\":\"channels\"", "通知渠道（channels）最多列出 4 项");

        var yaml = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + contacts(code)))
                .POST(HttpRequest.BodyPublishers.ofString(contact("张三", "a@b.cn", "13812345678")))
                .header("Content-Type", "application/yaml")
                .header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(415);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        assertThat(storedVersion(code)).isZero();
        // a list naming a channel twice is still accepted, once
        var twice = send("POST", contacts(code), token,
                contact("张三", "a@b.cn", "13812345678").replace("[\"EMAIL\",\"SMS\"]", "[\"EMAIL\",\"EMAIL\"]"));
        assertThat(twice.statusCode()).isEqualTo(201);
        assertThat(json(twice).get("channels")).hasSize(1);
    }

    @Test
    void anOrganisationHasAtMostTheConfiguredNumberOfContacts() throws Exception {
        String code = org("MA0L1MT1");
        String token = TestTokens.applicant(code);
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", contacts(code), token, contact("联络人" + i, "c" + i + "@example.com",
                    "1381234567" + i)).statusCode()).isEqualTo(201);
        }
        var fourth = send("POST", contacts(code), token, contact("联络人3", "c3@example.com", "13812345673"));
        assertThat(fourth.statusCode()).isEqualTo(400);
        assertThat(fourth.body()).contains("\"field\":\"contacts\"", "最多登记 3 名联络人");
        assertThat(storedVersion(code)).isEqualTo(3);
    }

    @Test
    void aStaleIfMatchIs409AndChangesNothing() throws Exception {
        String code = org("MA0C0NF1");
        String token = TestTokens.applicant(code);
        String id = json(send("POST", contacts(code), token, contact("钱七", "qq@example.com", "13812345678")))
                .get("contactId").asString();

        // two editors both read version 1; the first wins, the second is told to reload
        var first = send("PUT", contacts(code) + "/" + id, token, contact("钱七甲", "qq@example.com", "13812345678"),
                "If-Match", "\"1\"");
        var second = send("PUT", contacts(code) + "/" + id, token, contact("钱七乙", "qq@example.com", "13812345678"),
                "If-Match", "\"1\"");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("当前版本 2");
        assertThat(send("DELETE", contacts(code) + "/" + id, token, null, "If-Match", "\"1\"").statusCode())
                .isEqualTo(409);
        assertThat(send("POST", contacts(code), token, contact("孙八", "sb@example.com", "13812345678"),
                "If-Match", "\"abc\"").statusCode()).isEqualTo(400);
        assertThat(json(send("GET", contacts(code) + "/" + id, token, null)).get("name").asString()).isEqualTo("钱七甲");
        assertThat(storedVersion(code)).isEqualTo(2);
    }

    @Test
    void theContactTopicCarriesTheFullCurrentListConformingToItsSchemaWithoutOfficePhoneOrRemarks() throws Exception {
        String code = ZONE_ORG;
        String token = TestTokens.applicant(code);
        send("POST", contacts(code), token, contact("周九", "zj@example.com", "13812345678"));
        String emailOnly = contact("吴十", "wushi@example.com", "13912345678").replace("[\"EMAIL\",\"SMS\"]", "[\"EMAIL\"]");
        send("POST", contacts(code), token, emailOnly);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(relay.pending("organizations")).isZero());
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readAll(bootstrap(), Topics.CONTACTS).stream()
                .filter(r -> code.equals(r.key())).toList();
        assertThat(records).hasSize(2);
        ConsumerRecord<String, byte[]> latest = records.get(1);
        assertThat(TopicProbe.header(latest, "ce_type")).isEqualTo(EventTypes.CONTACTS_CHANGED);
        assertThat(TopicProbe.header(latest, "ce_source")).isEqualTo("/tsbase/contact-service");
        EventContractAssertions.assertConforms(EventTypes.CONTACTS_CHANGED, latest.value());

        String payload = new String(latest.value(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("010-88797656", "officePhone", "remarks", "工作日", "法务部");
        JsonNode event = EventJson.tree(latest.value());
        assertThat(event.get("creditCode").asString()).isEqualTo(code);
        assertThat(event.get("version").asLong()).isEqualTo(2);
        assertThat(event.get("contacts").findValuesAsString("name")).containsExactly("周九", "吴十");
        // each address only for the channel that needs it
        JsonNode wu = event.get("contacts").get(1);
        assertThat(wu.get("email").asString()).isEqualTo("wushi@example.com");
        assertThat(wu.get("mobilePhone").isNull()).isTrue();
        assertThat(event.get("contacts").get(0).get("mobilePhone").asString()).isEqualTo("13812345678");
    }

    @Test
    void aChangeDuringABrokerOutageIsPublishedOnceAfterwards() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestInfrastructure.canSimulateBrokerOutage(),
                "the broker outage is simulated on the embedded broker only");
        String code = org("MA0UTG7E");
        String token = TestTokens.applicant(code);
        TestInfrastructure.kafka().stop();
        try {
            var created = send("POST", contacts(code), token, contact("冯二", "fe@example.com", "13812345678"));
            assertThat(created.statusCode()).as("the request does not wait for the broker").isEqualTo(201);
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(relay.pending("organizations")).isEqualTo(1));
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(relay.pending("organizations")).isZero());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicProbe.readAll(bootstrap(), Topics.CONTACTS)
                .stream().filter(r -> code.equals(r.key())).toList()).hasSize(1));
    }

    @Test
    void deletingTheLastContactLeavesATombstoneOnACompactedTopic() throws Exception {
        String code = org("MA0T0MB1");
        String token = TestTokens.applicant(code);
        String id = json(send("POST", contacts(code), token, contact("郑一", "zy@example.com", "13812345678")))
                .get("contactId").asString();
        assertThat(send("DELETE", contacts(code) + "/" + id, token, null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = TopicProbe.readAll(bootstrap(), Topics.CONTACTS).stream()
                    .filter(r -> code.equals(r.key())).toList();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).value()).isNotNull();
            assertThat(records.get(1).value()).isNull();
        });
        assertThat(json(send("GET", contacts(code), token, null)).get("contacts")).isEmpty();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTACTS);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void healthIsUpAndApiDocsCarryTheTitle() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null).body()).contains("\"status\":\"UP\"");
        assertThat(send("GET", "/v3/api-docs", null, null).body()).contains("TS-Base contact-service");
    }
}
