package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/** Calls are data, written by ADMIN, read by everyone signed in, and published on the compacted call topic. */
class CallsIT extends IntegrationTestSupport {

    List<ConsumerRecord<String, byte[]>> published(String callId) {
        return TopicProbe.readAll(bootstrap(), Topics.CALLS, EventTypes.CALL_UPSERTED).stream()
                .filter(r -> callId.equals(r.key())).toList();
    }

    @Test
    void theCallOfThe2023NoticeIsThereExactlyAsTheNoticeSetsIt() {
        Response r = get("/api/calls/sjs-2023", applicant(ORG));
        assertThat(r.status()).isEqualTo(200);
        JsonNode call = r.json();
        assertThat(OffsetDateTime.parse(call.path("applicationCloses").asString()))
                .isEqualTo(OffsetDateTime.parse("2023-05-31T23:59:59+08:00"));
        assertThat(call.path("applicationCloses").asString()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(call.path("applicationOpens").asString()))
                .isEqualTo(OffsetDateTime.parse("2023-05-01T00:00:00+08:00"));
        assertThat(call.path("reviewStarts").asString()).isEqualTo("2023-07-01");
        assertThat(call.path("reviewEnds").asString()).isEqualTo("2023-08-15");
        assertThat(call.path("quotas").path("POINT").asInt()).isEqualTo(3);
        assertThat(call.path("quotas").path("ZONE").asInt()).isEqualTo(1);
        assertThat(call.path("rubrics").path("POINT").asString()).isEqualTo("sjs-point-2023");
        assertThat(call.path("rubrics").path("ZONE").asString()).isEqualTo("sjs-zone-2023");
        assertThat(call.path("assessmentPeriod").path("from").asString()).isEqualTo("2022-06-01");
        assertThat(call.path("assessmentPeriod").path("to").asString()).isEqualTo("2023-05-31");
        assertThat(call.path("phase").asString()).isEqualTo("CLOSED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published("sjs-2023")).isNotEmpty());
        ConsumerRecord<String, byte[]> event = published("sjs-2023").get(0);
        EventContractAssertions.assertConforms(EventTypes.CALL_UPSERTED, event.value());
        JsonNode data = EventJson.tree(event.value());
        assertThat(data.path("applicationCloses").asString()).isEqualTo("2023-05-31T15:59:59Z");
        assertThat(data.path("assessmentPeriod").path("from").asString()).isEqualTo("2022-06-01");
    }

    @Test
    void onlyAdminCreatesCallsAndEachIsPublishedKeyedByItsId() {
        String callId = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        String body = TestForms.call(callId, TestForms.today().minusDays(1), TestForms.today().plusDays(20));
        assertThat(post("/api/calls", applicant(ORG), body).status()).isEqualTo(403);
        assertThat(post("/api/calls", district(), body).status()).isEqualTo(403);
        assertThat(get("/api/calls/" + callId, admin()).status()).isEqualTo(404);

        Response created = post("/api/calls", admin(), body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/calls/" + callId);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.text("/phase")).isEqualTo("OPEN");
        Response again = post("/api/calls", admin(), body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("/detail")).contains(callId).contains("已存在");

        List<String> ids = get("/api/calls", applicant(ORG)).json().findValuesAsString("callId");
        assertThat(ids).contains(callId, "sjs-2023");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(callId)).hasSize(1));
        ConsumerRecord<String, byte[]> event = published(callId).get(0);
        EventContractAssertions.assertConforms(EventTypes.CALL_UPSERTED, event.value());
        assertThat(TopicProbe.header(event, "ce_subject")).isEqualTo(callId);
        assertThat(EventJson.tree(event.value()).path("rubrics").path("ZONE").asString()).isEqualTo("sjs-zone-2023");
    }

    /**
     * The indexes the documents declare are there once the service has started (built by service-support's
     * StartupIndexes, not by Spring Data's auto-index-creation): the unique slot keeps one application per
     * organisation, call and type.
     */
    @Test
    void theDeclaredIndexesAreBuiltAtStart() {
        List<String> names = mongo.indexOps("applications").getIndexInfo().stream()
                .map(org.springframework.data.mongodb.core.index.IndexInfo::getName).toList();
        assertThat(names).contains("call_type_status_created", "slot");
        assertThat(mongo.indexOps("applications").getIndexInfo().stream()
                .filter(i -> i.getName().equals("slot")).findFirst().orElseThrow().isUnique()).isTrue();
    }

    /** A call stored by an earlier version (before issue 9's fields) is still read: no 500 after an upgrade. */
    @Test
    void aCallStoredBeforeTheProcedureFieldsExistedIsStillRead() {
        String callId = "old-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.getCollection("calls").insertOne(new org.bson.Document("_id", callId).append("title", "旧批次")
                .append("district", "石景山区").append("year", 2022)
                .append("applicationOpens", java.util.Date.from(java.time.Instant.parse("2022-04-01T00:00:00Z")))
                .append("applicationCloses", java.util.Date.from(java.time.Instant.parse("2022-05-31T15:59:59Z")))
                .append("quotas", new org.bson.Document("POINT", 3).append("ZONE", 1))
                .append("rubrics", new org.bson.Document("POINT", "sjs-point-2023").append("ZONE", "sjs-zone-2023"))
                .append("version", 1L));
        Response r = get("/api/calls/" + callId, admin());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("title").asString()).isEqualTo("旧批次");
    }

    @Test
    void anInvalidCallIs400NamingEveryFieldAndIsNotStored() {
        String body = """
                {"callId": "Bad Id", "title": "", "year": 1999, "applicationOpens": "2024-06-01",
                 "applicationCloses": "2024-05-01", "quotas": {"POINT": -1}, "rubrics": {"POINT": "sjs-point-2023"}}
                """;
        Response r = post("/api/calls", admin(), body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.errorFields()).contains("callId", "title", "district", "year", "applicationCloses",
                "quotas.POINT");
        assertThat(r.body()).contains("批次编号只能由小写字母");
        Response unknownType = post("/api/calls", admin(), body.replace("\"POINT\": -1", "\"PARK\": 1"));
        assertThat(unknownType.status()).isEqualTo(400);
    }

    @Test
    void aCallIsEditedWithIfMatchAndPublishedAgain() {
        String callId = openCall();
        String changed = TestForms.call(callId, TestForms.today().minusDays(10), TestForms.today().plusDays(40));
        assertThat(put("/api/calls/" + callId, admin(), changed).status()).isEqualTo(428);
        assertThat(put("/api/calls/" + callId, admin(), changed, "If-Match", "\"7\"").status()).isEqualTo(409);
        assertThat(put("/api/calls/" + callId, applicant(ORG), changed, "If-Match", "\"1\"").status()).isEqualTo(403);
        Response r = put("/api/calls/" + callId, admin(), changed, "If-Match", "\"1\"");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.etag()).isEqualTo("\"2\"");
        assertThat(r.text("/reviewEnds")).isEqualTo(TestForms.today().plusDays(70).toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(callId)).hasSize(2));
        assertThat(EventJson.tree(published(callId).get(1).value()).path("version").asLong()).isEqualTo(2);
    }
}
