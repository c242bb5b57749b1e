package org.tsbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;

/**
 * Rescoring by replay of the run's call (POST /api/admin/replays, real run, polled until it ends), against the upper
 * bound of a bare harness that reads the same topic from the beginning with a group of its own and writes one result
 * document per submitted application of the call to MongoDB in unordered bulk writes of 500.
 */
final class ReplayBench {

    private static final int BATCH = 500;

    private final Http http;
    private final StackInfo stack;
    private final String adminToken;

    ReplayBench(Http http, StackInfo stack, String adminToken) {
        this.http = http;
        this.stack = stack;
        this.adminToken = adminToken;
    }

    Results.ReplayResult run(String callId, String runId, Duration maxWait) throws InterruptedException {
        Job job = replay(callId, maxWait);
        Harness harness = harness(callId, runId);
        double replayRate = job.seconds > 0 ? harness.applications / job.seconds : 0;
        double harnessRate = harness.seconds > 0 ? harness.applications / harness.seconds : 0;
        return new Results.ReplayResult(job.state, harness.applications, harness.events, round(job.seconds),
                round(replayRate), round(harness.seconds), round(harnessRate),
                harnessRate > 0 ? round(replayRate / harnessRate) : 0);
    }

    private record Job(String state, double seconds) {
    }

    private record Harness(long applications, long events, double seconds) {
    }

    private Job replay(String callId, Duration maxWait) throws InterruptedException {
        Http.Answer started = http.call(http.post(stack.gateway() + "/api/admin/replays", adminToken,
                Map.of("callId", callId, "dryRun", false)));
        if (!started.ok()) {
            throw new IllegalStateException("The replay was refused: " + started.status() + " " + started.body());
        }
        String jobId = Http.parse(started.body()).path("jobId").asText();
        long until = System.nanoTime() + maxWait.toNanos();
        JsonNode job = Http.parse(started.body());
        while ("RUNNING".equals(job.path("state").asText()) && System.nanoTime() < until) {
            Thread.sleep(200);
            Http.Answer a = http.call(http.get(stack.gateway() + "/api/admin/replays/" + jobId, adminToken));
            if (a.ok()) {
                job = Http.parse(a.body());
            }
        }
        String state = job.path("state").asText();
        if (!"COMPLETED".equals(state)) {
            return new Job(state, 0);
        }
        Instant start = Instant.parse(job.path("startedAt").asText());
        Instant end = Instant.parse(job.path("finishedAt").asText());
        return new Job(state, Duration.between(start, end).toNanos() / 1e9);
    }

    private Harness harness(String callId, String runId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "tsbase-bench-harness-" + runId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        String collectionName = "harness-" + runId;
        try (MongoClient mongo = MongoClients.create(stack.mongo());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            MongoCollection<Document> results = mongo.getDatabase("tsbase-bench").getCollection(collectionName);
            long start = System.nanoTime();
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPLICATIONS, Duration.ofSeconds(30))
                    .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long events = 0;
            long applications = 0;
            List<WriteModel<Document>> batch = new ArrayList<>();
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    events++;
                    Header type = r.headers().lastHeader("ce_type");
                    if (type == null || !EventTypes.APPLICATION_SUBMITTED.equals(
                            new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    JsonNode submitted = Http.parse(new String(r.value(), StandardCharsets.UTF_8));
                    if (!callId.equals(submitted.path("callId").asText())) {
                        continue;
                    }
                    String id = submitted.path("applicationId").asText();
                    Document doc = new Document("_id", id).append("callId", callId)
                            .append("type", submitted.path("type").asText())
                            .append("applicationVersion", submitted.path("version").asLong())
                            .append("partition", r.partition()).append("offset", r.offset())
                            .append("rescoredAt", new Date());
                    batch.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc, upsert));
                    applications++;
                    if (batch.size() >= BATCH) {
                        results.bulkWrite(batch, new BulkWriteOptions().ordered(false));
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                results.bulkWrite(batch, new BulkWriteOptions().ordered(false));
            }
            consumer.commitSync();
            double seconds = (System.nanoTime() - start) / 1e9;
            results.drop();
            return new Harness(applications, events, seconds);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
