package org.tsbase.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.Topics;
import org.tsbase.scoring.ranking.RankedEntry;
import org.tsbase.scoring.ranking.Ranking;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.scoring.sheet.ScoreSheet;
import org.tsbase.scoring.sheet.Scoring;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The ranking served from the ranking index, a page at a time, is the ranking {@link Ranking#rank} gives on all the
 * call's sheets, as the ranking used to be computed on every request: with ties down to the application id,
 * withdrawn, failed and unscored applications, and after results change by a review, a withdrawal or a resubmission.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RankingIT {

    final String call = "rank-it-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "scoring-ranking-it");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Scoring scoring;

    final HttpClient http = HttpClient.newHttpClient();
    final String reviewer = TestTokens.token("DISTRICT_REVIEWER", null);

    @BeforeEach
    void publishCall() {
        TopicProbe.sendEvent(TestInfrastructure.bootstrapServers(), Topics.CALLS, call, EventTypes.CALL_UPSERTED,
                UUID.randomUUID().toString(), new CallUpserted(call, "排名测试批次", "石景山区", 2026,
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-30T15:59:59Z"),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30),
                        Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                        Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                        new CallUpserted.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)), 1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.exists(Query.query(Criteria.where("_id").is(call)), "calls"));
    }

    @Test
    void theRankingReadFromTheIndexIsTheRankingOfAllTheSheetsWithTiesWithdrawalsAndFailures() throws Exception {
        Instant may = Instant.parse("2026-05-01T00:00:00Z");
        int n = 0;
        // totals, bases and activities from few values, and two submission times: ties at every level
        String[][] scores = {{"95", "85", "30"}, {"90", "85", "30"}, {"90", "82", "30"}, {"90", "82", "28.5"},
                {"90", "82", "28.5"}, {"88.5", "80", "25"}, {"80", "80", "20"}, {"79.5", "79.5", "30"},
                {"60", "55", "20"}};
        for (int round = 0; round < 4; round++) {
            for (String[] s : scores) {
                n++;
                Instant at = may.plusSeconds(n % 2);
                boolean withdrawn = n % 11 == 0;
                insert(sheet("app-" + (char) ('a' + n % 5) + "-" + n, ApplicationType.POINT, at, withdrawn,
                        score(RubricType.POINT, s[0], s[1], s[2])));
            }
            insert(sheet("unscored-" + round, ApplicationType.POINT, may, false, null));
            insert(sheet("zone-" + round, ApplicationType.ZONE, may.plusSeconds(round), round == 3,
                    score(RubricType.ZONE, String.valueOf(85 + round % 2), "80", "25")));
        }
        // another call's sheets are in no ranking of this one
        ScoreSheet elsewhere = sheet("other-call", ApplicationType.POINT, may, false,
                score(RubricType.POINT, "99", "89", "30"));
        insert(new ScoreSheet(elsewhere.applicationId(), "another-" + call, elsewhere.type(), elsewhere.creditCode(),
                elsewhere.organizationName(), null, 1, may, false, Map.of(), List.of(), elsewhere.result(), List.of(),
                0, List.of()));

        assertServedRankingIsTheWholeRanking(ApplicationType.POINT);
        assertServedRankingIsTheWholeRanking(ApplicationType.ZONE);
        JsonNode points = ranking(ApplicationType.POINT, "");
        assertThat(points.get("entries")).hasSize(points.get("passed").asInt());
        assertThat(points.get("passed").asInt()).isEqualTo(25);   // 7 of 9 pass, 4 rounds, 3 withdrawn passers
        assertThat(points.get("scored").asInt()).isEqualTo(33);   // 36 scored less 3 withdrawn: not the unscored
        assertThat(ranking(ApplicationType.POINT, "&page=9&size=3").get("entries")).isEmpty();

        var refused = get("/api/rankings?callId=" + call + "&type=POINT&size=0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"size\"").contains("每页条数");
    }

    @Test
    void aReviewAWithdrawalAndAResubmissionMoveTheRanking() throws Exception {
        String a = "rank-a-" + UUID.randomUUID();
        String b = "rank-b-" + UUID.randomUUID();
        String c = "rank-c-" + UUID.randomUUID();
        Map<String, Object> lessPlanned = ScoringIT.fullPointEvidence();
        lessPlanned.put("annualPlan", Map.of("exists", true, "covers", List.of()));   // 92
        submit(a, 1, ScoringIT.fullPointEvidence(), Instant.parse("2026-05-01T00:00:00Z"));   // 100
        submit(b, 1, lessPlanned, Instant.parse("2026-05-01T00:00:00Z"));                   // 92
        submit(c, 1, ScoringIT.fullPointEvidence(), Instant.parse("2026-05-02T00:00:00Z")); // 100, later
        await().atMost(Duration.ofSeconds(30)).until(() -> order().size() == 3);
        assertThat(order()).containsExactly(a, c, b);
        assertServedRankingIsTheWholeRanking(ApplicationType.POINT);

        // a reviewer takes 20 points of P6 from a: 80, last
        var reviewed = post("/api/scores/" + a + "/reviews", "{\"criteria\":[{\"id\":\"P6\",\"points\":10,"
                + "\"comment\":\"台账不全\"}]}");
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        assertThat(order()).containsExactly(c, b, a);
        assertThat(ranking(ApplicationType.POINT, "").get("entries").get(0).get("reason").asString())
                .isEqualTo("总分最高");
        assertServedRankingIsTheWholeRanking(ApplicationType.POINT);

        // c is withdrawn: out of the ranking and of the counts
        TopicProbe.sendEvent(TestInfrastructure.bootstrapServers(), Topics.APPLICATIONS, c,
                EventTypes.APPLICATION_WITHDRAWN, UUID.randomUUID().toString(), new ApplicationWithdrawn(c, call,
                        ApplicationType.POINT, "91110107MA01B2C34M", "排名企业", 2, "SUBMITTED", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> order().size() == 2);
        assertThat(order()).containsExactly(b, a);
        assertThat(ranking(ApplicationType.POINT, "").get("scored").asInt()).isEqualTo(2);

        // b submits again with evidence that does not pass: scored, not ranked
        submit(b, 2, java.util.Map.of("mechanisms", List.of("PERSONNEL")), Instant.parse("2026-05-03T00:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> order().size() == 1);
        JsonNode after = ranking(ApplicationType.POINT, "");
        assertThat(order()).containsExactly(a);
        assertThat(after.get("scored").asInt()).isEqualTo(2);
        assertThat(after.get("passed").asInt()).isEqualTo(1);
        assertServedRankingIsTheWholeRanking(ApplicationType.POINT);
    }

    @Test
    void sheetsStoredBeforeTheRankingFieldsGetThemWhenTheirCallIsSeenAgain() throws Exception {
        insert(sheet("legacy-1", ApplicationType.POINT, Instant.parse("2026-05-01T00:00:00Z"), false,
                score(RubricType.POINT, "91", "81", "30")));
        mongo.updateFirst(Query.query(Criteria.where("_id").is("legacy-1-" + call)), new Update().unset("standing")
                .unset("rankTotal").unset("rankBase").unset("rankActivities"), "scoresheets");
        assertThat(order()).isEmpty();

        scoring.scoreAwaiting(call);

        assertThat(order()).containsExactly("legacy-1-" + call);
        assertServedRankingIsTheWholeRanking(ApplicationType.POINT);
    }

    /** Every page size gives, page after page, exactly the entries and counts of the ranking of all the sheets. */
    void assertServedRankingIsTheWholeRanking(ApplicationType type) throws Exception {
        List<ScoreSheet> sheets = mongo.find(Query.query(Criteria.where("callId").is(call).and("type").is(type)),
                ScoreSheet.class).stream().filter(s -> !s.withdrawn() && s.result() != null).toList();
        List<RankedEntry> whole = Ranking.rank(RubricType.valueOf(type.name()), type == ApplicationType.POINT ? 3 : 1,
                sheets.stream().map(s -> RankingEntry.of(s.applicationId(), s.submittedAt(), s.result().score()))
                        .toList());
        List<String> expected = whole.stream().map(RankingIT::line).toList();
        JsonNode all = ranking(type, "");
        assertThat(lines(all)).isEqualTo(expected);
        assertThat(all.get("scored").asInt()).isEqualTo(sheets.size());
        assertThat(all.get("passed").asInt()).isEqualTo(whole.size());
        for (int size : new int[] {1, 2, 7}) {
            List<String> paged = new ArrayList<>();
            for (int page = 0; page * size < whole.size(); page++) {
                JsonNode view = ranking(type, "&page=" + page + "&size=" + size);
                assertThat(view.get("page").asInt()).isEqualTo(page);
                paged.addAll(lines(view));
            }
            assertThat(paged).as("pages of %d", size).isEqualTo(expected);
        }
    }

    static String line(RankedEntry r) {
        return r.rank() + " " + r.entry().applicationId() + " " + plain(r.entry().total()) + " "
                + plain(r.entry().base()) + " " + plain(r.entry().activitiesPoints()) + " " + r.proposed() + " "
                + r.versusAbove() + " " + r.reason();
    }

    static List<String> lines(JsonNode view) {
        List<String> lines = new ArrayList<>();
        view.get("entries").forEach(e -> lines.add(e.get("rank").asInt() + " " + e.get("applicationId").asString()
                + " " + plain(e.get("total").decimalValue()) + " " + plain(e.get("base").decimalValue()) + " "
                + plain(e.get("activitiesPoints").decimalValue()) + " " + e.get("proposed").asBoolean() + " "
                + e.get("tieBreak").asString() + " " + e.get("reason").asString()));
        return lines;
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    List<String> order() throws Exception {
        List<String> ids = new ArrayList<>();
        ranking(ApplicationType.POINT, "").get("entries").forEach(e -> ids.add(e.get("applicationId").asString()));
        return ids;
    }

    JsonNode ranking(ApplicationType type, String paging) throws Exception {
        HttpResponse<String> r = get("/api/rankings?callId=" + call + "&type=" + type + paging);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + reviewer).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + reviewer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void submit(String applicationId, long version, Map<String, Object> evidence, Instant submittedAt) {
        TopicProbe.sendEvent(TestInfrastructure.bootstrapServers(), Topics.APPLICATIONS, applicationId,
                EventTypes.APPLICATION_SUBMITTED, UUID.randomUUID().toString(), new ApplicationSubmitted(applicationId,
                        call, ApplicationType.POINT, version, submittedAt, new OrganizationFacts("91110107MA01B2C34M",
                                "排名企业", null, 60, null), evidence));
    }

    void insert(ScoreSheet sheet) {
        mongo.insert(sheet);
    }

    ScoreSheet sheet(String id, ApplicationType type, Instant submittedAt, boolean withdrawn, ScoreResult score) {
        ScoreSheet.CurrentResult result = score == null ? null
                : new ScoreSheet.CurrentResult(score, 1, 1, "SUBMISSION", "test", Instant.now());
        return new ScoreSheet(id + "-" + call, call, type, "91110107MA01B2C34M", "企业" + id, null, 1, submittedAt,
                withdrawn, Map.of(), List.of(), result, List.of(), 0, List.of());
    }

    static ScoreResult score(RubricType type, String total, String base, String activities) {
        BigDecimal t = new BigDecimal(total).setScale(2);
        BigDecimal b = new BigDecimal(base).setScale(2);
        return new ScoreResult("test-rubric", 1, type, List.of(), b, t.subtract(b), BigDecimal.TEN, t.subtract(b), t,
                new BigDecimal("80.00"), t.compareTo(new BigDecimal("80")) >= 0, new BigDecimal(activities).setScale(2));
    }
}
