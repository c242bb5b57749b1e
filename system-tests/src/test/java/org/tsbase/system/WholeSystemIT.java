package org.tsbase.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tsbase.localstack.LocalStack;
import org.tsbase.localstack.Part;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.TokenMinter;

/**
 * The whole system as a user meets it: the stack that {@code ./tsbase up} starts (real Kafka broker, MongoDB-wire
 * server on disk, SMTP server, five service JVMs), spoken to only over HTTP through the gateway and over IMAP.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemIT {

    static final String ORG_A = "91110107MA01B2C34M";
    static final String ORG_B = "91110107MA04D5E63X";
    static final String CALL = "sys-" + UUID.randomUUID().toString().substring(0, 8);

    static LocalStack stack;
    static GatewayClient gateway;
    static String submittedApplicationId;

    /** The run's one stack ({@link SharedStack}), shared with the other system tests. */
    @BeforeAll
    static void useTheSharedStack() {
        stack = SharedStack.local();
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    static Path projectRoot() {
        return SharedStack.projectRoot();
    }

    static String token(Role role) {
        return stack.token(role, role == Role.APPLICANT ? ORG_A : null);
    }

    @Test
    @Order(1)
    void onlyHealthAndDocsAreAnonymousAndBadTokensAre401AtTheGatewayAndAtEachService() {
        assertThat(gateway.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(gateway.get("/v3/api-docs/application", null).status()).isEqualTo(200);

        String expired = new TokenMinter(stack.keys(), Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC))
                .mint(Role.ADMIN, null, Duration.ofMinutes(5));
        String valid = token(Role.ADMIN);
        String[] parts = valid.split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("ADMIN", "ADMIN\",\"x\":\"y")) + "." + parts[2];

        List<String> bases = new ArrayList<>(List.of(stack.gatewayUrl()));
        for (Part service : List.of(Part.APPLICATION_SERVICE, Part.SCORING_SERVICE, Part.CONTACT_SERVICE,
                Part.NOTIFICATION_SERVICE)) {
            bases.add(stack.serviceUrl(service));
        }
        for (String base : bases) {
            GatewayClient client = new GatewayClient(base);
            String path = base.equals(stack.gatewayUrl()) ? "/api/calls" : pathServedBy(base);
            var none = client.get(path, null);
            assertThat(none.status()).as("no token at %s", base).isEqualTo(401);
            assertThat(none.header("Content-Type")).startsWith("application/problem+json");
            for (String bad : List.of(expired, unsigned, tampered)) {
                assertThat(client.get(path, bad).status()).as("bad token at %s%s", base, path).isEqualTo(401);
            }
        }
    }

    private static String pathServedBy(String base) {
        if (base.equals(stack.serviceUrl(Part.APPLICATION_SERVICE))) {
            return "/api/calls";
        }
        if (base.equals(stack.serviceUrl(Part.SCORING_SERVICE))) {
            return "/api/rubrics";
        }
        if (base.equals(stack.serviceUrl(Part.CONTACT_SERVICE))) {
            return "/api/organizations/" + ORG_A + "/contacts";
        }
        return "/api/notifications";
    }

    @Test
    @Order(2)
    void aSubmittedApplicationIsScoredAndItsContactIsToldByMail() {
        var call = gateway.post("/api/calls", token(Role.ADMIN), Forms.openCall(CALL, 1));
        assertThat(call.status()).as(call.body()).isIn(200, 201);

        String email = "contact-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        PersonalData.email(email);
        PersonalData.mobile(Forms.contact("张三", email).get("mobilePhone").toString());
        var contact = gateway.post("/api/organizations/" + ORG_A + "/contacts", token(Role.APPLICANT),
                Forms.contact("张三", email));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);

        var draft = gateway.post("/api/applications", token(Role.APPLICANT),
                Forms.pointApplication(CALL, ORG_A, "北京石景山示范科技有限公司", Forms.fullPointEvidence()));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String id = draft.json().get("id").asText();
        submitOnceContactsAreKnown(id, token(Role.APPLICANT));
        submittedApplicationId = id;

        JsonNode score = awaitScore(id, token(Role.DISTRICT_REVIEWER));
        assertThat(score.get("total").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(score.get("passed").asBoolean()).isTrue();
        assertThat(score.get("rubricId").asText()).isEqualTo("sjs-point-2023");

        // issue 9: the applicant sees (and is mailed) its score only once the district publishes the call's results
        JsonNode unpublished = gateway.get("/api/scores/" + id, token(Role.APPLICANT)).json();
        assertThat(unpublished.get("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(unpublished.get("total").isNull()).isTrue();
        assertThat(Mailbox.read(stack.imapPort(), email)).noneSatisfy(m -> assertThat(m.body()).contains("总分"));
        var published = gateway.post("/api/calls/" + CALL + "/results-published", token(Role.ADMIN), null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                gateway.get("/api/scores/" + id, token(Role.APPLICANT)).json().get("total").decimalValue())
                .isEqualByComparingTo("100.00"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(gateway.get("/api/applications/" + id, token(Role.APPLICANT)).json().get("status").asText())
                        .isEqualTo("SCORED"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Mailbox.read(stack.imapPort(), email))
                .anySatisfy(m -> assertThat(m.body()).contains("总分：100")));
        // another organisation cannot see it, and learns nothing of it
        var foreign = gateway.get("/api/scores/" + id, stack.token(Role.APPLICANT, ORG_B));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(ORG_A);
    }

    /**
     * Issue 4: two POINT applications with known evidence; their totals exactly as computed by hand from
     * RUBRICS.md (see {@link Forms#pointEvidenceWorth87()}), and their order in the ranking with the call's quota of 1.
     */
    @Test
    @Order(3)
    void twoApplicationsScoreAsComputedByHandAndRankWithinTheQuota() {
        assertThat(gateway.post("/api/organizations/" + ORG_B + "/contacts", stack.token(Role.APPLICANT, ORG_B),
                Forms.contact("李四", "b-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")).status())
                .isIn(200, 201);
        var draft = gateway.post("/api/applications", stack.token(Role.APPLICANT, ORG_B),
                Forms.pointApplication(CALL, ORG_B, "北京京西智造有限公司", Forms.pointEvidenceWorth87()));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String second = draft.json().get("id").asText();
        submitOnceContactsAreKnown(second, stack.token(Role.APPLICANT, ORG_B));

        JsonNode score = awaitScore(second, stack.token(Role.APPLICANT, ORG_B));
        assertThat(score.get("total").decimalValue()).isEqualByComparingTo("87.00");
        assertThat(score.get("base").decimalValue()).isEqualByComparingTo("77.00");
        assertThat(score.get("bonus").decimalValue()).isEqualByComparingTo("10.00");
        Map<String, java.math.BigDecimal> finals = new java.util.HashMap<>();
        score.get("criteria").forEach(c -> finals.put(c.get("id").asText(), c.get("finalPoints").decimalValue()));
        assertThat(finals.get("P5")).isEqualByComparingTo("11.00");
        assertThat(finals.get("P6")).isEqualByComparingTo("21.00");
        assertThat(finals.get("P1")).isEqualByComparingTo("10.00");

        JsonNode ranking = gateway.get("/api/rankings?callId=" + CALL + "&type=POINT", token(Role.DISTRICT_REVIEWER)).json();
        JsonNode entries = ranking.get("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("applicationId").asText()).isEqualTo(submittedApplicationId);
        assertThat(entries.get(0).get("proposed").asBoolean()).isTrue();
        assertThat(entries.get(1).get("applicationId").asText()).isEqualTo(second);
        assertThat(entries.get(1).get("proposed").asBoolean()).isFalse();
        assertThat(gateway.get("/api/rankings?callId=" + CALL + "&type=POINT", token(Role.APPLICANT)).status())
                .isEqualTo(403);

        // issue 9: the district recommends within the quota (示范点 1 in this call): the second recommendation is
        // refused (409 naming the quota), and the ranking shows the decision and the quota left. The review period
        // starts after the call closes, so ADMIN reopens it with a reason first.
        var reopened = gateway.post("/api/calls/" + CALL + "/reopen-review", token(Role.ADMIN),
                Map.of("reason", "系统测试：提前审核", "until", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                        .plusDays(1).toString()));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        var first = gateway.post("/api/applications/" + submittedApplicationId + "/district-opinion",
                token(Role.DISTRICT_REVIEWER), Map.of("recommended", true, "text", "同意推荐"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var beyond = gateway.post("/api/applications/" + second + "/district-opinion", token(Role.DISTRICT_REVIEWER),
                Map.of("recommended", true, "text", "同意推荐"));
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(409);
        assertThat(beyond.body()).contains("名额");
        assertThat(gateway.get("/api/applications/" + second, token(Role.ADMIN)).json().get("status").asText())
                .as("nothing changed").isEqualTo("SCORED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode decided = gateway.get("/api/rankings?callId=" + CALL + "&type=POINT",
                    token(Role.DISTRICT_REVIEWER)).json();
            assertThat(decided.get("recommended").asInt()).isEqualTo(1);
            assertThat(decided.get("remainingQuota").asInt()).isZero();
            assertThat(decided.get("entries").get(0).get("recommended").asBoolean()).isTrue();
        });
    }

    /**
     * The README's walk-through, run exactly as printed ({@code docs/walkthrough.sh}) against this stack, with the
     * totals computed by hand from RUBRICS.md: the POINT 87.5 base (P4: 5 of 6 mechanisms = 12.5) + 8 bonus = 95.5,
     * 89.5 after the reviewer's P6 of 24; the ZONE 90 base (every 至少 met exactly: 20%, 10%, 50%, 10%) + 6 bonus.
     */
    @Test
    @Order(4)
    void theReadmeWalkThroughWorksAsPrinted() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "docs/walkthrough.sh").directory(projectRoot().toFile())
                .redirectErrorStream(true);
        pb.environment().put("TSBASE_DATA_DIR", stack.dataDir().toString());
        pb.environment().put("TSBASE_SKIP_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("sjs-2023\tCLOSED").contains("sjs-demo\tOPEN")
                .contains("138****5678")
                .contains("422 ")
                .contains("total 95.5")
                .contains("passed: true")
                .contains("total now 89.5")
                .contains("\"status\":\"RECOMMENDED\"").contains("\"status\":\"ACCEPTED\"")
                .contains("zone total 96")
                // issue 9: the review opened by ADMIN, a return for correction, the quota, the audit trail
                .contains("审核推荐期").contains("\"status\":\"RETURNED\"").contains("示范区推荐名额（1 个）已用完")
                .contains("REVIEW_REOPENED").contains("RETURN by").contains("RESULTS_PUBLISHED")
                .contains("评分结果通知").contains("市级验收结果通知");

        // Issue 3: the workflow's events, as an independent consumer of the application topic sees them
        String pointId = out.lines().filter(l -> l.startsWith("draft ")).findFirst().orElseThrow().substring(6).trim();
        List<String> types = ApplicationTopic.eventTypes(stack.kafkaBootstrapServers(), pointId);
        assertThat(types).containsSubsequence("tsbase.application.created.v1", "tsbase.application.submitted.v1",
                "tsbase.application.status-changed.v1");
        assertThat(ApplicationTopic.statusChanges(stack.kafkaBootstrapServers(), pointId))
                .containsSubsequence("SCORED", "RECOMMENDED", "ACCEPTED");
    }

    @Test
    @Order(5)
    void stoppingAndStartingAgainKeepsTheData() {
        assertThat(submittedApplicationId).as("an application was submitted earlier").isNotNull();
        SharedStack.restart();
        useTheSharedStack();
        var app = gateway.get("/api/applications/" + submittedApplicationId, token(Role.APPLICANT));
        assertThat(app.status()).as(app.body()).isEqualTo(200);
        assertThat(app.json().get("status").asText()).as("recommended before the restart").isEqualTo("RECOMMENDED");
        assertThat(gateway.get("/api/scores/" + submittedApplicationId, token(Role.APPLICANT)).json()
                .get("total").decimalValue()).isEqualByComparingTo("100.00");
    }

    /**
     * Issue 9: submission needs a contact (附件6), which application-service learns from the contact topic a moment
     * after it was registered: retried while refused.
     */
    static void submitOnceContactsAreKnown(String applicationId, String token) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var submitted = gateway.post("/api/applications/" + applicationId + "/submit", token, null);
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        });
    }

    static JsonNode awaitScore(String applicationId, String token) {
        JsonNode[] holder = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var r = gateway.get("/api/scores/" + applicationId, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("total").isNull()).isFalse();
            holder[0] = r.json();
        });
        return holder[0];
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
