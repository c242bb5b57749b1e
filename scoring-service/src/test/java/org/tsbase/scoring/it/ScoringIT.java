package org.tsbase.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tsbase.events.testing.EventContractAssertions.assertConforms;

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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * scoring-service on a real broker and MongoDB-wire server, fed only by events, as in production: it scores from the
 * events alone (its only other input is its copy of the call), redeliveries change nothing, reviews change results
 * and rankings, poison goes to the dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScoringIT {

    static final String ORG_A = "91110107MA01B2C34M";
    static final String ORG_B = "91110107MA04D5E63X";
    static final String CALL = "it-call-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "scoring-it");
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.tsbase.support.outbox.OutboxRelay relay;

    final HttpClient http = HttpClient.newHttpClient();

    static String bootstrap() {
        return TestInfrastructure.bootstrapServers();
    }

    /** Before each test (a repeated version changes nothing): after the context, so a container variant's broker is known. */
    @BeforeEach
    void publishCall() {
        // results published: the tests below that read as the applicant see the figures (issue 9's publication rule
        // has its own test on a call of its own)
        publishCall(CALL, today().minusDays(1), today().plusDays(30), Instant.parse("2026-01-01T00:00:00Z"), null, 1,
                Map.of(ApplicationType.POINT, 1, ApplicationType.ZONE, 1));
    }

    static LocalDate today() {
        return LocalDate.now(org.tsbase.scoring.sheet.ResultRules.ZONE);
    }

    static void publishCall(String callId, LocalDate reviewStarts, LocalDate reviewEnds, Instant resultsPublished,
            CallUpserted.ReviewReopening reopening, long version, Map<ApplicationType, Integer> quotas) {
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, callId, EventTypes.CALL_UPSERTED, UUID.randomUUID().toString(),
                new CallUpserted(callId, "集成测试批次", "石景山区", 2026, Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-11-30T15:59:59Z"), reviewStarts, reviewEnds, quotas,
                        Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                        new CallUpserted.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)), version,
                        "110107", resultsPublished, reopening, null));
    }

    static void decide(String applicationId, String callId, boolean recommended) {
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, applicationId, EventTypes.APPLICATION_STATUS_CHANGED,
                UUID.randomUUID().toString(), new ApplicationStatusChanged(applicationId, callId, ApplicationType.POINT,
                        ORG_A, "企业", 3, "SCORED", recommended ? "RECOMMENDED" : "NOT_RECOMMENDED",
                        new ApplicationStatusChanged.Opinion("DISTRICT", recommended, "同意推荐", "district-reviewer",
                                Instant.now()), Instant.now()));
    }

    /**
     * Issue 9: once the district decided, the result is frozen; a later review is recorded as what the application
     * would now score, visible to reviewers, neither applied nor published; the ranking shows the decision and the
     * quota left.
     */
    @Test
    void aDecisionFreezesTheResultAndALaterReviewBecomesAProposal() throws Exception {
        String callId = "freeze-" + UUID.randomUUID().toString().substring(0, 8);
        publishCall(callId, today().minusDays(1), today().plusDays(30), null, null, 1, Map.of(ApplicationType.POINT, 3));
        String a = "frozen-" + UUID.randomUUID();
        publish(new ApplicationSubmitted(a, callId, ApplicationType.POINT, 1, Instant.now(),
                new OrganizationFacts(ORG_A, "冻结企业", null, 60, null), fullPointEvidence()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(a)).hasSize(1));
        String reviewer = reviewerToken();

        decide(a, callId, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(call("GET", "/api/scores/" + a, reviewer, null)).get("frozen").asBoolean()).isTrue());
        JsonNode ranking = json(call("GET", "/api/rankings?callId=" + callId + "&type=POINT", reviewer, null));
        assertThat(ranking.get("recommended").asInt()).isEqualTo(1);
        assertThat(ranking.get("remainingQuota").asInt()).isEqualTo(2);
        assertThat(ranking.get("entries").get(0).get("recommended").asBoolean()).isTrue();

        var reviewed = call("POST", "/api/scores/" + a + "/reviews", reviewer,
                "{\"criteria\":[{\"id\":\"P6\",\"points\":10,\"comment\":\"台账不全\"}]}");
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        JsonNode view = json(reviewed);
        assertThat(view.get("total").decimalValue()).as("the decided result stands").isEqualByComparingTo("100.00");
        assertThat(view.get("proposal").get("total").decimalValue()).as("would now be").isEqualByComparingTo("80.00");
        assertThat(view.get("proposal").get("cause").asString()).isEqualTo("REVIEW");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(scoreEvents(a)).as("nothing published").hasSize(1));
        JsonNode after = json(call("GET", "/api/rankings?callId=" + callId + "&type=POINT", reviewer, null));
        assertThat(after.get("entries").get(0).get("total").decimalValue()).isEqualByComparingTo("100.00");

        // the same opinion redelivered changes nothing; an applicant sees neither the freeze nor the proposal
        decide(a, callId, true);
        publishCall(callId, today().minusDays(1), today().plusDays(30), Instant.now(), null, 2,
                Map.of(ApplicationType.POINT, 3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode own = json(call("GET", "/api/scores/" + a, TestTokens.applicant(ORG_A), null));
            assertThat(own.get("total").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(own.get("proposal").isNull()).isTrue();
            assertThat(own.get("frozen").isNull()).isTrue();
        });
    }

    /** Issue 9: reviewers score only in the review period (Beijing dates, both included), or while ADMIN reopened it. */
    @Test
    void reviewsOutsideTheReviewPeriodAreRefusedUntilItIsReopened() throws Exception {
        String callId = "period-" + UUID.randomUUID().toString().substring(0, 8);
        publishCall(callId, today().minusDays(20), today().minusDays(1), null, null, 1, Map.of(ApplicationType.POINT, 3));
        String a = "late-" + UUID.randomUUID();
        publish(new ApplicationSubmitted(a, callId, ApplicationType.POINT, 1, Instant.now(),
                new OrganizationFacts(ORG_A, "迟到企业", null, 60, null), fullPointEvidence()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(a)).hasSize(1));
        String review = "{\"criteria\":[{\"id\":\"P6\",\"points\":28,\"comment\":\"略\"}]}";

        var refused = call("POST", "/api/scores/" + a + "/reviews", reviewerToken(), review);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("审核推荐期").contains(today().minusDays(1).toString());
        assertThat(json(call("GET", "/api/scores/" + a, reviewerToken(), null)).get("total").decimalValue())
                .as("nothing changed").isEqualByComparingTo("100.00");

        publishCall(callId, today().minusDays(20), today().minusDays(1), null,
                new CallUpserted.ReviewReopening(today(), "补充评审", "admin", Instant.now()), 2,
                Map.of(ApplicationType.POINT, 3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var accepted = call("POST", "/api/scores/" + a + "/reviews", reviewerToken(), review);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(json(accepted).get("total").decimalValue()).isEqualByComparingTo("98.00");
        });
    }

    /** Issue 9: an applicant sees its automatic score only once the district published the call's results. */
    @Test
    void anApplicantSeesItsScoreOnlyOnceTheResultsArePublished() throws Exception {
        String callId = "publish-" + UUID.randomUUID().toString().substring(0, 8);
        publishCall(callId, today().minusDays(1), today().plusDays(30), null, null, 1, Map.of(ApplicationType.POINT, 3));
        String a = "unpublished-" + UUID.randomUUID();
        publish(new ApplicationSubmitted(a, callId, ApplicationType.POINT, 1, Instant.now(),
                new OrganizationFacts(ORG_A, "待公布企业", null, 60, null), fullPointEvidence()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(a)).hasSize(1));

        JsonNode own = json(call("GET", "/api/scores/" + a, TestTokens.applicant(ORG_A), null));
        assertThat(own.get("status").asString()).isEqualTo("UNPUBLISHED");
        assertThat(own.get("total").isNull()).isTrue();
        assertThat(own.get("criteria")).isEmpty();
        assertThat(json(call("GET", "/api/scores/" + a + "/history", TestTokens.applicant(ORG_A), null))).isEmpty();
        assertThat(json(call("GET", "/api/scores/" + a, reviewerToken(), null)).get("total").decimalValue())
                .as("reviewers see it all along").isEqualByComparingTo("100.00");

        publishCall(callId, today().minusDays(1), today().plusDays(30), Instant.now(), null, 2,
                Map.of(ApplicationType.POINT, 3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(call("GET", "/api/scores/" + a, TestTokens.applicant(ORG_A), null)).get("total").decimalValue())
                .isEqualByComparingTo("100.00"));
    }

    /** Everything of 附件4 present: base 90, bonus items worth 18 capped at 10, total 100. */
    static Map<String, Object> fullPointEvidence() {
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
        e.put("annualPlan", Map.of("exists", true, "covers", List.of("VERIFICATION", "INSPECTION", "TRAINING", "RISK_ASSESSMENT")));
        e.put("secretsInventoryDone", true);
        e.put("rulesAnnounced", true);
        e.put("onboardingTraining", true);
        e.put("trainings", List.of(Map.of("date", "2026-01-15", "ledger", true, "attendees", 30),
                Map.of("date", "2026-07-15", "ledger", true, "attendees", 30)));
        e.put("ndaSigned", true);
        e.put("nonCompeteSigned", true);
        e.put("inspections", List.of(Map.of("date", "2026-03-01", "ledger", true), Map.of("date", "2026-09-01", "ledger", true)));
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

    /** Publishes a submission the way application-service does: a CloudEvent keyed by the application id. */
    static void publish(ApplicationSubmitted submitted, String eventId) {
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, submitted.applicationId(),
                EventTypes.APPLICATION_SUBMITTED, eventId, submitted);
    }

    static void submit(String applicationId, String org, long version, Map<String, Object> evidence, String eventId) {
        publish(new ApplicationSubmitted(applicationId, CALL, ApplicationType.POINT, version, Instant.now(),
                new OrganizationFacts(org, "企业" + org.substring(14), null, 60, null), evidence), eventId);
    }

    static void submitWithPark(String applicationId, String org, String park, Map<String, Object> evidence) {
        publish(new ApplicationSubmitted(applicationId, CALL, ApplicationType.POINT, 1, Instant.now(),
                new OrganizationFacts(org, "园区企业", park, 60, null), evidence), UUID.randomUUID().toString());
    }

    static void submitZone(String applicationId, String org, Map<String, Object> evidence) {
        publish(new ApplicationSubmitted(applicationId, CALL, ApplicationType.ZONE, 1, Instant.now(),
                new OrganizationFacts(org, "数字创新产业园", null, null, 100), evidence), UUID.randomUUID().toString());
    }

    @Test
    void aZonesDeclaredCountOfPointStandardEnterprisesIsCrossCheckedAndFlaggedNotChanged() throws Exception {
        String park = "91110107MA07F8G926";
        String zone = "zone-" + UUID.randomUUID();
        String point = "point-in-park-" + UUID.randomUUID();
        submitWithPark(point, ORG_B, park, fullPointEvidence());                        // passes with 100
        submitZone(zone, park, Map.of("enterprisesMeetingPointStandard", 2, "enterprisesDoingProtection", 30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scoreEvents(point)).hasSize(1);
            assertThat(scoreEvents(zone)).hasSize(1);
        });
        // Z1: 30/100 > 25% earns 5, and the declared 2 enterprises earn 5: the declared figure is scored as declared
        assertThat(scoreEvents(zone).get(0).criteria().get(0).finalPoints()).isEqualByComparingTo("10.00");

        JsonNode view = json(call("GET", "/api/scores/" + zone, reviewerToken(), null));
        assertThat(view.get("flags").toString()).contains("POINT_STANDARD_MISMATCH").contains("2").contains("1 家");
        JsonNode own = json(call("GET", "/api/scores/" + zone, TestTokens.applicant(park), null));
        assertThat(own.get("total").decimalValue()).isEqualByComparingTo(view.get("total").decimalValue());
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, body, "application/json");
    }

    HttpResponse<String> call(String method, String path, String token, String body, String contentType)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return EventJson.mapper().readTree(r.body());
    }

    List<ScoreComputed> scoreEvents(String applicationId) {
        List<ScoreComputed> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicProbe.readAll(bootstrap(), Topics.SCORES, EventTypes.SCORE_COMPUTED)) {
            if (applicationId.equals(r.key())) {
                assertConforms(EventTypes.SCORE_COMPUTED, r.value());
                out.add(EventJson.fromBytes(r.value(), ScoreComputed.class));
            }
        }
        return out;
    }

    @Test
    void scoresFromTheEventAloneAndARedeliveryChangesNothing() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        submit(app, ORG_A, 1, fullPointEvidence(), eventId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(app)).hasSize(1));
        ScoreComputed first = scoreEvents(app).get(0);
        assertThat(first.total()).isEqualByComparingTo("100.00");
        assertThat(first.base()).isEqualByComparingTo("90.00");
        assertThat(first.bonus()).isEqualByComparingTo("10.00");
        assertThat(first.passed()).isTrue();
        assertThat(first.rubricId()).isEqualTo("sjs-point-2023");
        assertThat(first.cause()).isEqualTo("SUBMISSION");

        // the same event again, and the same version under another id: nothing changes, nothing is published
        submit(app, ORG_A, 1, fullPointEvidence(), eventId);
        submit(app, ORG_A, 1, fullPointEvidence(), UUID.randomUUID().toString());
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scoreEvents(app)).hasSize(1));

        var own = call("GET", "/api/scores/" + app, TestTokens.applicant(ORG_A), null);
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode view = json(own);
        assertThat(view.get("total").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode p4 = view.get("criteria").get(3);
        assertThat(p4.get("id").asString()).isEqualTo("P4");
        assertThat(p4.get("finalPoints").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(p4.get("items").get(0).get("evidenceRead").toString()).contains("PERSONNEL");

        var other = call("GET", "/api/scores/" + app, TestTokens.applicant(ORG_B), null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(ORG_A);
    }

    @Test
    void aReviewChangesTheResultAndTheRankingAndNeedsAReasonForALargeDeparture() throws Exception {
        String a = "app-a-" + UUID.randomUUID();
        String b = "app-b-" + UUID.randomUUID();
        Map<String, Object> lessPlanned = fullPointEvidence();
        lessPlanned.put("annualPlan", Map.of("exists", true, "covers", List.of()));   // P5: 7 of 15
        submit(a, ORG_A, 1, fullPointEvidence(), UUID.randomUUID().toString());        // 100
        submit(b, ORG_B, 1, lessPlanned, UUID.randomUUID().toString());                // 82 + 10 = 92
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scoreEvents(a)).hasSize(1);
            assertThat(scoreEvents(b)).hasSize(1);
        });
        assertThat(scoreEvents(b).get(0).total()).isEqualByComparingTo("92.00");

        String reviewer = TestTokens.token("DISTRICT_REVIEWER", null);
        JsonNode before = json(call("GET", "/api/rankings?callId=" + CALL + "&type=POINT", reviewer, null));
        List<String> order = new ArrayList<>();
        before.get("entries").forEach(e -> order.add(e.get("applicationId").asString()));
        assertThat(order.indexOf(a)).isLessThan(order.indexOf(b));

        // 30 → 10 on P6 departs by more than 15: refused without a reason, and nothing changes
        var refused = call("POST", "/api/scores/" + a + "/reviews", reviewer,
                "{\"criteria\":[{\"id\":\"P6\",\"points\":10}]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("criteria[0].comment").contains("必须填写理由");
        assertThat(scoreEvents(a)).hasSize(1);

        var accepted = call("POST", "/api/scores/" + a + "/reviews", reviewer,
                "{\"criteria\":[{\"id\":\"P6\",\"points\":10,\"comment\":\"台账不全\"}]}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("total").decimalValue()).isEqualByComparingTo("80.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(a)).hasSize(2));
        assertThat(scoreEvents(a).get(1).cause()).isEqualTo("REVIEW");

        JsonNode after = json(call("GET", "/api/rankings?callId=" + CALL + "&type=POINT", reviewer, null));
        List<String> newOrder = new ArrayList<>();
        after.get("entries").forEach(e -> newOrder.add(e.get("applicationId").asString()));
        assertThat(newOrder.indexOf(b)).isLessThan(newOrder.indexOf(a));
        assertThat(after.get("quota").asInt()).isEqualTo(1);

        // the same review again: same inputs, no new result, no new event
        call("POST", "/api/scores/" + a + "/reviews", reviewer,
                "{\"criteria\":[{\"id\":\"P6\",\"points\":10,\"comment\":\"台账不全\"}]}");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(scoreEvents(a)).hasSize(2));
        JsonNode history = json(call("GET", "/api/scores/" + a + "/history", reviewer, null));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("total").decimalValue()).isEqualByComparingTo("100.00");

        assertThat(call("GET", "/api/rankings?callId=" + CALL + "&type=POINT", TestTokens.applicant(ORG_A), null)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aResultChangedDuringABrokerOutageIsPublishedOnceAfterwards() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestInfrastructure.canSimulateBrokerOutage(),
                "the broker outage is simulated on the embedded broker only");
        String app = "app-outage-" + UUID.randomUUID();
        submit(app, ORG_A, 1, fullPointEvidence(), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(app)).hasSize(1));

        TestInfrastructure.kafka().stop();
        try {
            var reviewed = call("POST", "/api/scores/" + app + "/reviews", reviewerToken(),
                    "{\"criteria\":[{\"id\":\"P4\",\"points\":10}]}");
            assertThat(reviewed.statusCode()).as("the request does not wait for the broker").isEqualTo(200);
            assertThat(json(reviewed).get("total").decimalValue()).isEqualByComparingTo("95.00");
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(relay.pending("scoresheets")).isEqualTo(1));
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(relay.pending("scoresheets")).isZero());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scoreEvents(app)).hasSize(2));
        assertThat(scoreEvents(app).get(1).total()).isEqualByComparingTo("95.00");
    }

    /**
     * Rescoring by replay: a new version of a call's rubric (pass mark 95 instead of 80) is applied by a replay job.
     * A dry run reports the diff and changes nothing; the real run stores and publishes the changed results as
     * replayed events (no notification fires again); a second run finds nothing to change.
     */
    @Test
    void aReplayAppliesANewRubricVersionWithADiffAndADryRunChangesNothing() throws Exception {
        String admin = TestTokens.token("ADMIN", null);
        String rubricId = "replay-point-" + UUID.randomUUID().toString().substring(0, 6);
        String v1 = org.tsbase.scoring.rubric.BundledRubrics.source("sjs-point-2023")
                .replace("id: sjs-point-2023", "id: " + rubricId);
        assertThat(call("POST", "/api/rubrics", admin, v1, "application/yaml").statusCode()).isEqualTo(201);
        String replayCall = "replay-call-" + UUID.randomUUID().toString().substring(0, 6);
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, replayCall, EventTypes.CALL_UPSERTED, UUID.randomUUID().toString(),
                new CallUpserted(replayCall, "重算测试批次", "石景山区", 2026, Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-11-30T15:59:59Z"), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30),
                        Map.of(ApplicationType.POINT, 3), Map.of(ApplicationType.POINT, rubricId),
                        new CallUpserted.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)), 1));
        Map<String, Object> lessPlanned = fullPointEvidence();
        lessPlanned.put("annualPlan", Map.of("exists", true, "covers", List.of()));   // 92
        String a = "replay-a-" + UUID.randomUUID();
        String b = "replay-b-" + UUID.randomUUID();
        for (var app : Map.of(a, fullPointEvidence(), b, lessPlanned).entrySet()) {
            publish(new ApplicationSubmitted(app.getKey(), replayCall, ApplicationType.POINT, 1, Instant.now(),
                    new OrganizationFacts(ORG_A, "重算企业", null, 60, null), app.getValue()), UUID.randomUUID().toString());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scoreEvents(a)).hasSize(1);
            assertThat(scoreEvents(b)).hasSize(1);
        });

        // a has the district's decision: a replay reports it as frozen and leaves its result as decided
        decide(a, replayCall, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(call("GET", "/api/scores/" + a, admin, null)).get("frozen").asBoolean()).isTrue());

        String v2 = v1.replace("version: 1", "version: 2").replace("passMark: 80", "passMark: 95");
        assertThat(call("POST", "/api/rubrics?reason=pass-mark-95", admin, v2, "application/yaml").statusCode())
                .isEqualTo(201);
        // the audit trail of the call that names the rubric learns who uploaded which version, and why
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(decisions(replayCall))
                .anySatisfy(d -> {
                    assertThat(d.kind()).isEqualTo("RUBRIC_UPLOADED");
                    assertThat(d.rubricVersion()).isEqualTo(2);
                    assertThat(d.by()).isNotBlank();
                    assertThat(d.reason()).isEqualTo("pass-mark-95");
                }));

        JsonNode dry = runReplay(admin, "{\"rubricId\":\"" + rubricId + "\",\"dryRun\":true}");
        assertThat(dry.get("changed").asLong()).isEqualTo(2);
        JsonNode bChange = change(dry, b);
        assertThat(bChange.get("passedBefore").asBoolean()).isTrue();
        assertThat(bChange.get("passedAfter").asBoolean()).isFalse();
        assertThat(bChange.get("rankBefore").asInt()).isEqualTo(2);
        assertThat(bChange.get("rankAfter").isNull()).isTrue();
        assertThat(change(dry, a).get("rubricAfter").asString()).isEqualTo(rubricId + " v2");
        assertThat(change(dry, a).get("frozen").asBoolean()).isTrue();
        assertThat(bChange.get("frozen").asBoolean()).isFalse();
        assertThat(scoreEvents(b)).as("a dry run publishes nothing").hasSize(1);
        assertThat(json(call("GET", "/api/scores/" + b, admin, null)).get("rubricVersion").asInt()).isEqualTo(1);

        JsonNode real = runReplay(admin, "{\"rubricId\":\"" + rubricId + "\",\"dryRun\":false,"
                + "\"reason\":\"新版评分标准\"}");
        assertThat(real.get("changed").asLong()).isEqualTo(2);
        assertThat(real.has("outbox")).as("the job's outbox is not part of the API").isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(decisions(replayCall))
                .anySatisfy(d -> {
                    assertThat(d.kind()).isEqualTo("REPLAY_COMPLETED");
                    assertThat(d.jobId()).isEqualTo(real.get("jobId").asString());
                    assertThat(d.reason()).isEqualTo("新版评分标准");
                    assertThat(d.summary()).contains("2 份结果已变化");
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoreEvents(b)).hasSize(2));
        ScoreComputed rescored = scoreEvents(b).get(1);
        assertThat(rescored.cause()).isEqualTo("RESCORE");
        assertThat(rescored.rubricVersion()).isEqualTo(2);
        assertThat(rescored.passed()).isFalse();
        JsonNode frozen = json(call("GET", "/api/scores/" + a, admin, null));
        assertThat(frozen.get("rubricVersion").asInt()).as("decided on v1, stays v1").isEqualTo(1);
        assertThat(frozen.get("proposal").get("rubricVersion").asInt()).isEqualTo(2);
        assertThat(scoreEvents(a)).as("a frozen result is not published again").hasSize(1);
        assertThat(TopicProbe.readAll(bootstrap(), Topics.SCORES, EventTypes.SCORE_COMPUTED).stream()
                .filter(r -> b.equals(r.key())).reduce((x, y) -> y).map(r -> TopicProbe.header(r, "ce_replay")))
                .as("a rescoring is published as a replay: no notification fires again").hasValue("true");

        JsonNode again = runReplay(admin, "{\"rubricId\":\"" + rubricId + "\",\"dryRun\":false}");
        assertThat(again.get("changed").asLong()).isZero();
        assertThat(call("POST", "/api/admin/replays", reviewerToken(), "{\"dryRun\":true}").statusCode()).isEqualTo(403);
    }

    /**
     * A job the service was running when it stopped goes on from the positions it stored: simulated by a RUNNING job
     * whose first partition was already read, and the start-up event a restarted service receives.
     */
    @Test
    void anInterruptedReplayGoesOnFromItsStoredPositions() throws Exception {
        submit("app-resume-" + UUID.randomUUID(), ORG_A, 1, fullPointEvidence(), UUID.randomUUID().toString());
        Map<String, Long> end = new java.util.LinkedHashMap<>();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            var partitions = admin.describeTopics(List.of(Topics.APPLICATIONS)).allTopicNames().get()
                    .get(Topics.APPLICATIONS).partitions();
            var latest = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                    p -> new org.apache.kafka.common.TopicPartition(Topics.APPLICATIONS, p.partition()),
                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            latest.forEach((tp, info) -> end.put(String.valueOf(tp.partition()), info.offset()));
        }
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        // the fullest partition counts as read before the interruption
        String read = end.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(end.get(read)).isPositive();
        Map<String, Long> positions = new java.util.LinkedHashMap<>();
        end.forEach((partition, offset) -> positions.put(partition, read.equals(partition) ? offset : 0L));
        String jobId = "resumed-" + UUID.randomUUID();
        mongo.insert(new org.tsbase.scoring.replay.ReplayJob(jobId, null, CALL, true,
                org.tsbase.scoring.replay.ReplayJob.State.RUNNING, "admin", Instant.now(), null, end, positions,
                total, positions.get(read), 0, List.of(), 0, null, null, List.of()));

        events.publishEvent(new org.springframework.boot.context.event.ApplicationReadyEvent(
                new org.springframework.boot.SpringApplication(), new String[0], context, Duration.ZERO));

        String admin = TestTokens.token("ADMIN", null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode job = json(call("GET", "/api/admin/replays/" + jobId, admin, null));
            assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
            // the partition read before was not read again: the count of records read ends exactly at the total
            assertThat(job.get("processed").asLong()).isEqualTo(total);
        });
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    JsonNode runReplay(String admin, String body) throws Exception {
        var started = call("POST", "/api/admin/replays", admin, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = json(started).get("jobId").asString();
        JsonNode[] done = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode job = json(call("GET", "/api/admin/replays/" + jobId, admin, null));
            assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
            done[0] = job;
        });
        assertThat(done[0].get("processed").asLong()).isEqualTo(done[0].get("total").asLong());
        return done[0];
    }

    static List<org.tsbase.events.ScoringDecision> decisions(String callId) {
        List<org.tsbase.events.ScoringDecision> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicProbe.readAll(bootstrap(), Topics.SCORING_DECISIONS,
                EventTypes.SCORING_DECISION)) {
            if (callId.equals(r.key())) {
                assertConforms(EventTypes.SCORING_DECISION, r.value());
                out.add(EventJson.fromBytes(r.value(), org.tsbase.events.ScoringDecision.class));
            }
        }
        return out;
    }

    static JsonNode change(JsonNode job, String applicationId) {
        for (JsonNode c : job.get("diff")) {
            if (applicationId.equals(c.get("applicationId").asString())) {
                return c;
            }
        }
        throw new AssertionError("no change for " + applicationId + " in " + job);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextSubmissionIsScored() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.APPLICATIONS, poisonKey, "{oops".getBytes()));
        String app = "app-after-poison-" + UUID.randomUUID();
        submit(app, ORG_A, 1, Map.of("mechanisms", List.of("PERSONNEL", "DOCUMENTS")), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scoreEvents(app)).singleElement().satisfies(s ->
                    assertThat(s.total()).isEqualByComparingTo("5.00"));
            assertThat(TopicProbe.readAll(bootstrap(), Topics.deadLetter(Topics.APPLICATIONS)))
                    .anyMatch(r -> poisonKey.equals(r.key()));
        });
    }

    @Test
    void rubricsAreVersionedDataValidatedOnUpload() throws Exception {
        String admin = TestTokens.token("ADMIN", null);
        var list = call("GET", "/api/rubrics", TestTokens.applicant(ORG_A), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("sjs-point-2023").contains("sjs-zone-2023");

        String bad = "{\"id\":\"bad-rubric\",\"version\":1,\"type\":\"POINT\",\"criteria\":[]}";
        var refused = call("POST", "/api/rubrics", admin, bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("评分标准无效");
        assertThat(call("GET", "/api/rubrics/bad-rubric", admin, null).statusCode()).isEqualTo(404);

        var notAdmin = call("POST", "/api/rubrics", reviewerToken(), bad);
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        var versions = json(call("GET", "/api/rubrics/sjs-point-2023", admin, null));
        assertThat(versions.get(0).get("definition").get("baseMax").decimalValue()).isEqualByComparingTo("90");
    }

    static String reviewerToken() {
        return TestTokens.token("DISTRICT_REVIEWER", null);
    }
}
