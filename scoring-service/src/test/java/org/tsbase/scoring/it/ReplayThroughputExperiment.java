package org.tsbase.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.Topics;
import org.tsbase.scoring.sheet.ScoreSheet;
import org.tsbase.support.kafka.ReceivedEvent;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * Not a test (its name matches neither Surefire's nor Failsafe's patterns, so {@code verify} never runs it): a
 * measurement of the rescoring replay against a bare harness on the same topic and the same MongoDB-wire server, in one
 * run. Run it with
 * {@code ./mvnw -B -ntp -pl scoring-service verify -Dit.test=ReplayThroughputExperiment -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreplay.n=3000} (add
 * {@code -DargLine=-XX:StartFlightRecording=filename=/tmp/replay.jfr,settings=profile} for a profile).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayThroughputExperiment {

    static final int N = Integer.getInteger("replay.n", 3000);
    static final String CALL = "replay-bench-" + UUID.randomUUID().toString().substring(0, 6);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "scoring-replay-bench");
        registry.add("logging.level.org.tsbase", () -> "WARN");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void replayVersusBareHarness() throws Exception {
        String bootstrap = TestInfrastructure.bootstrapServers();
        String admin = TestTokens.token("ADMIN", null);
        String rubricId = "bench-point-" + UUID.randomUUID().toString().substring(0, 6);
        String v1 = org.tsbase.scoring.rubric.BundledRubrics.source("sjs-point-2023")
                .replace("id: sjs-point-2023", "id: " + rubricId);
        assertThat(post("/api/rubrics", admin, v1, "application/yaml").statusCode()).isEqualTo(201);
        TopicProbe.sendEvent(bootstrap, Topics.CALLS, CALL, EventTypes.CALL_UPSERTED, UUID.randomUUID().toString(),
                new CallUpserted(CALL, "重算基准批次", "石景山区", 2026, Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-11-30T15:59:59Z"), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30),
                        Map.of(ApplicationType.POINT, 3), Map.of(ApplicationType.POINT, rubricId),
                        new CallUpserted.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)), 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(Query.query(Criteria.where("_id").is(CALL)), "calls"));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < N; i++) {
                String id = "bench-" + i + "-" + UUID.randomUUID();
                Map<String, Object> evidence = new HashMap<>(ScoringIT.fullPointEvidence());
                evidence.put("partTimeStaff", i % 5);                        // a spread of totals, with ties
                evidence.put("annualBudgetYuan", (i % 3) * 30000);
                ApplicationSubmitted s = new ApplicationSubmitted(id, CALL, ApplicationType.POINT, 1,
                        Instant.parse("2026-05-01T00:00:00Z").plusSeconds(i % 50), new OrganizationFacts(
                                "91110107MA01B2C34M", "基准企业" + i, null, 60, null), evidence);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.APPLICATIONS, id, EventJson.toBytes(s));
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type",
                                EventTypes.APPLICATION_SUBMITTED, "ce_source", "/tsbase/test", "ce_subject", id,
                                "content-type", "application/json")
                        .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes())));
                producer.send(record);
            }
        }
        long t0 = System.nanoTime();
        Query scored = Query.query(Criteria.where("callId").is(CALL).and("result").ne(null));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> mongo.count(scored, ScoreSheet.class) >= N);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> relay.pending("scoresheets") == 0);
        System.out.printf("REPLAY-BENCH live scoring of %d submissions (incl. publishing): %.1f s%n", N,
                (System.nanoTime() - t0) / 1e9);

        String v2 = v1.replace("version: 1", "version: 2").replace("passMark: 80", "passMark: 95");
        assertThat(post("/api/rubrics", admin, v2, "application/yaml").statusCode()).isEqualTo(201);

        double harness1 = harness(bootstrap, "harness1");
        long r0 = System.nanoTime();
        JsonNode job = replay(admin, "{\"callId\":\"" + CALL + "\",\"dryRun\":false}");
        double replay = (System.nanoTime() - r0) / 1e9;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> relay.pending("scoresheets") == 0);
        double replayPublished = (System.nanoTime() - r0) / 1e9;
        double harness2 = harness(bootstrap, "harness2");
        long d0 = System.nanoTime();
        JsonNode again = replay(admin, "{\"callId\":\"" + CALL + "\",\"dryRun\":true}");
        double dry = (System.nanoTime() - d0) / 1e9;
        double harness = (harness1 + harness2) / 2;
        System.out.printf("REPLAY-BENCH records=%d changed=%d | harness %.2f s / %.2f s | replay job %.2f s "
                        + "(until all published %.2f s) | ratio harness/replay %.2f (incl. publishing %.2f) | "
                        + "second run, dry: %.2f s, changed=%d%n",
                job.get("processed").asLong(), job.get("changed").asLong(), harness1, harness2, replay, replayPublished,
                harness / replay, harness / replayPublished, dry, again.get("changed").asLong());
    }

    /** Consumes the application topic up to its end and writes one result per submission, in bulk per poll. */
    double harness(String bootstrap, String collection) {
        long t0 = System.nanoTime();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int written = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPLICATIONS).stream()
                    .map(i -> new TopicPartition(Topics.APPLICATIONS, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<Document> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ReceivedEvent e = ReceivedEvent.of(r);
                    if (e.is(EventTypes.APPLICATION_SUBMITTED)) {
                        ApplicationSubmitted s = e.payload(ApplicationSubmitted.class);
                        batch.add(new Document("_id", s.applicationId()).append("callId", s.callId())
                                .append("version", s.version()).append("facts", s.evidence().size()));
                    }
                }
                if (!batch.isEmpty()) {
                    mongo.getCollection(collection).insertMany(batch);
                    written += batch.size();
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("REPLAY-BENCH harness wrote %d results in %.2f s%n", written, seconds);
        return seconds;
    }

    JsonNode replay(String admin, String body) throws Exception {
        HttpResponse<String> started = post("/api/admin/replays", admin, body, "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = EventJson.mapper().readTree(started.body()).get("jobId").asString();
        JsonNode[] done = new JsonNode[1];
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/admin/replays/" + jobId)).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode job = EventJson.mapper().readTree(r.body());
            assertThat(job.get("state").asString()).isIn("COMPLETED", "FAILED");
            done[0] = job;
        });
        assertThat(done[0].get("state").asString()).as(done[0].toString()).isEqualTo("COMPLETED");
        return done[0];
    }

    HttpResponse<String> post(String path, String token, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
