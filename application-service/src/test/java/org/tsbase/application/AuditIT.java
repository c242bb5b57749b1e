package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/** The audit trail: decisions, overrides, reopenings, returns and published results of a call, for ADMIN. */
class AuditIT extends IntegrationTestSupport {

    List<String> kinds(String callId) {
        List<String> kinds = new ArrayList<>();
        get("/api/audit?callId=" + callId, admin()).json().path("items").forEach(i -> kinds.add(i.path("kind").asString()));
        return kinds;
    }

    @Test
    void whoWhenWhatAndWhyOfTheDecisionsOfACall() {
        String callId = openCall();
        reviewOpen(callId);
        String org = freshOrg();
        String id = submitted(callId, org);
        assertThat(post("/api/applications/" + id + "/return", district(),
                "{\"reason\": \"缺少盖章扫描件\", \"deadline\": \"" + TestForms.today().plusDays(5) + "\"}").status())
                .isEqualTo(200);
        assertThat(submit(id, org).status()).isEqualTo(200);
        long version = get("/api/applications/" + id, admin()).json().path("version").asLong();
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                PipelineIT.score(id, callId, org, version, 1, "70.00"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SCORED".equals(get("/api/applications/" + id, admin()).text("/status")));
        assertThat(post("/api/applications/" + id + "/district-opinion", admin(),
                "{\"recommended\": true, \"override\": {\"reason\": \"专家复核后认为台账计分有误\"}}").status()).isEqualTo(200);
        assertThat(post("/api/calls/" + callId + "/results-published", district(), null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kinds(callId)).containsExactly(
                "REVIEW_REOPENED", "RETURN", "OVERRIDE", "RESULTS_PUBLISHED"));
        JsonNode items = get("/api/audit?callId=" + callId, admin()).json().path("items");
        assertThat(items.get(0).path("why").asString()).isEqualTo("测试：提前审核");
        assertThat(items.get(0).path("who").asString()).isEqualTo("admin-user");
        assertThat(items.get(1).path("why").asString()).isEqualTo("缺少盖章扫描件");
        assertThat(items.get(1).path("who").asString()).isEqualTo("district_reviewer-user");
        assertThat(items.get(1).path("applicationId").asString()).isEqualTo(id);
        assertThat(items.get(2).path("why").asString()).contains("专家复核后认为台账计分有误");
        assertThat(items.get(2).path("what").asString()).contains("RECOMMENDED");
        assertThat(items.get(2).path("at").asString()).isNotBlank();

        assertThat(get("/api/audit?callId=" + callId, district()).status()).isEqualTo(403);
        assertThat(get("/api/audit", admin()).status()).isEqualTo(400);
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() {
        String callId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        ApplicationReturned returned = new ApplicationReturned("app-x", callId, ApplicationType.POINT, ORG, "示范科技",
                3, "SUBMITTED", "补正", Instant.now().plusSeconds(86400), "reviewer", Instant.now());
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-x", EventTypes.APPLICATION_RETURNED, eventId,
                returned);
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-x", EventTypes.APPLICATION_RETURNED, eventId,
                returned);
        // a later event of the same partition shows that both copies were read
        TopicProbe.sendEvent(bootstrap(), Topics.APPLICATIONS, "app-x", EventTypes.APPLICATION_RETURNED,
                UUID.randomUUID().toString(), returned);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kinds(callId)).hasSize(2));
        // another service's decision, on a topic the trail reads, is recorded generically
        TopicProbe.sendEvent(bootstrap(), Topics.CALLS, callId, "tsbase.rubric.uploaded.v1",
                UUID.randomUUID().toString(), Map.of("callId", callId, "uploadedBy", "admin-user",
                        "reason", "2024 年度评分细则", "at", Instant.now().toString()));
        // scoring-service's decisions, on their own topic
        TopicProbe.sendEvent(bootstrap(), "tsbase.scoring-decisions", callId, "tsbase.scoring.decision.v1",
                UUID.randomUUID().toString(), Map.of("kind", "RUBRIC_UPLOADED", "callId", callId, "by", "admin-user",
                        "at", Instant.now().toString(), "summary", "上传评分标准 sjs-point-2023 第 2 版"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kinds(callId))
                .contains("tsbase.rubric.uploaded.v1", "RUBRIC_UPLOADED"));
    }
}
