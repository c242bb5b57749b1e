package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.tsbase.application.intake.Application;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The thin pipeline (issue 2): a submitted application reaches the application topic exactly once, in the shape of
 * its schema, also across a broker outage; scoring's results move it to SCORED once, whatever is redelivered; poison
 * on the score topic is dead-lettered and the partition keeps flowing.
 */
class PipelineIT extends IntegrationTestSupport {

    List<ConsumerRecord<String, byte[]>> events(String applicationId, String type) {
        return TopicProbe.readAll(bootstrap(), Topics.APPLICATIONS, type).stream()
                .filter(r -> applicationId.equals(r.key())).toList();
    }

    @Test
    void submittedApplicationIsPublishedOnceConformingToItsSchemaWithoutPhoneNumbers() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(events(id, EventTypes.APPLICATION_CREATED)).hasSize(1);
            assertThat(events(id, EventTypes.APPLICATION_SUBMITTED)).hasSize(1);
        });
        ConsumerRecord<String, byte[]> created = events(id, EventTypes.APPLICATION_CREATED).get(0);
        EventContractAssertions.assertConforms(EventTypes.APPLICATION_CREATED, created.value());
        ConsumerRecord<String, byte[]> submitted = events(id, EventTypes.APPLICATION_SUBMITTED).get(0);
        EventContractAssertions.assertConforms(EventTypes.APPLICATION_SUBMITTED, submitted.value());
        assertThat(TopicProbe.header(submitted, "ce_source")).isEqualTo("/tsbase/application-service");
        assertThat(TopicProbe.header(submitted, "ce_subject")).isEqualTo(id);

        JsonNode data = EventJson.tree(submitted.value());
        assertThat(data.path("callId").asString()).isEqualTo(callId);
        assertThat(data.path("version").asLong()).isEqualTo(2);
        assertThat(data.path("organization").path("creditCode").asString()).isEqualTo(org);
        assertThat(data.path("organization").path("name").asString()).isEqualTo("北京石景山示范科技有限公司");
        assertThat(data.path("evidence").path("trainings").size()).isEqualTo(2);
        assertThat(data.path("evidence").path("annualBudgetYuan").decimalValue()).isEqualByComparingTo("200000.50");
        String json = new String(submitted.value());
        assertThat(json).doesNotContain("13812345678").doesNotContain("李示范").doesNotContain("contact");
        assertThat(relay.pending(Application.COLLECTION)).isZero();
    }

    @Test
    void anApplicationSubmittedDuringABrokerOutageArrivesOnceAfterwards() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestInfrastructure.canSimulateBrokerOutage(),
                "the broker outage is simulated on the embedded broker only");
        String callId = openCall();
        String org = freshOrg();
        String id = pointDraft(callId, org);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(id, EventTypes.APPLICATION_CREATED).size() == 1);

        TestInfrastructure.kafka().stop();
        try {
            Response r = submit(id, org);
            assertThat(r.status()).as("the request does not wait for the broker").isEqualTo(200);
            assertThat(r.text("/status")).isEqualTo("SUBMITTED");
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(outboxOf(id)).isEqualTo(1));
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outboxOf(id)).isZero());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(id, EventTypes.APPLICATION_SUBMITTED)).hasSize(1));
    }

    @Test
    void aScoreMovesSubmittedToScoredOnceAndOlderOrRepeatedScoresChangeNothing() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);

        String eventId = UUID.randomUUID().toString();
        ScoreComputed first = score(id, callId, org, 2, 1, "86.50");
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, eventId, first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response r = get("/api/applications/" + id, district());
            assertThat(r.text("/status")).isEqualTo("SCORED");
            assertThat(r.json().at("/score/total").decimalValue()).isEqualByComparingTo("86.50");
        });
        long versionAfterScore = get("/api/applications/" + id, applicant(org)).json().path("version").asLong();

        // the same event again, and an older result: neither changes anything
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, eventId, first);
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                score(id, callId, org, 2, 0, "10.00"));
        // a newer result is shown, the status stays
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                score(id, callId, org, 2, 2, "91.00"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response r = get("/api/applications/" + id, district());
            assertThat(r.json().at("/score/total").decimalValue()).isEqualByComparingTo("91.00");
            assertThat(r.json().at("/score/resultVersion").asLong()).isEqualTo(2);
        });
        Response after = get("/api/applications/" + id, district());
        assertThat(after.text("/status")).isEqualTo("SCORED");
        assertThat(after.json().path("version").asLong()).isEqualTo(versionAfterScore + 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> changes = events(id, EventTypes.APPLICATION_STATUS_CHANGED);
            assertThat(changes).hasSize(1);
            EventContractAssertions.assertConforms(EventTypes.APPLICATION_STATUS_CHANGED, changes.get(0).value());
            JsonNode change = EventJson.tree(changes.get(0).value());
            assertThat(change.path("fromStatus").asString()).isEqualTo("SUBMITTED");
            assertThat(change.path("toStatus").asString()).isEqualTo("SCORED");
        });
    }

    @Test
    void poisonOnTheScoreTopicIsDeadLetteredAndTheNextRecordIsProcessed() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);
        String poisonKey = "poison-" + UUID.randomUUID();

        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.SCORES, id, "not an event".getBytes()));
        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.SCORES, id, "{\"broken\":".getBytes()));
        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.SCORES, poisonKey, "garbage".getBytes()));
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                score(id, callId, org, 2, 1, "80.00"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/applications/" + id, applicant(org)).text("/status")).isEqualTo("SCORED");
            List<String> dead = TopicProbe.readAll(bootstrap(), Topics.deadLetter(Topics.SCORES)).stream()
                    .map(ConsumerRecord::key).toList();
            assertThat(dead).contains(poisonKey);
            assertThat(dead.stream().filter(id::equals)).hasSize(2);
        });
    }

    private long outboxOf(String id) {
        Application a = mongo.findById(id, Application.class);
        return a == null || a.outbox() == null ? -1 : a.outbox().size();
    }

    static ScoreComputed score(String id, String callId, String org, long applicationVersion, long resultVersion,
            String total) {
        BigDecimal t = new BigDecimal(total);
        BigDecimal bonus = t.min(new BigDecimal("10"));
        return new ScoreComputed(id, callId, ApplicationType.POINT, org, "北京石景山示范科技有限公司", applicationVersion,
                "sjs-point-2023", 1, t.subtract(bonus), bonus, t, t.compareTo(new BigDecimal("80")) >= 0, List.of(),
                "SUBMISSION", resultVersion, Instant.now());
    }
}
