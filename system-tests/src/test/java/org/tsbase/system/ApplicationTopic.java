package org.tsbase.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code tsbase.applications} as an independent consumer would: no group, from the beginning to the end. */
final class ApplicationTopic {

    static final String TOPIC = "tsbase.applications";

    private ApplicationTopic() {
    }

    /** The CloudEvents types of one application's events, in order. */
    static List<String> eventTypes(String bootstrap, String applicationId) {
        return records(bootstrap, applicationId).stream().map(r -> header(r, "ce_type")).toList();
    }

    /** The {@code toStatus} of its status-changed events, in order. */
    static List<String> statusChanges(String bootstrap, String applicationId) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records(bootstrap, applicationId)) {
            if ("tsbase.application.status-changed.v1".equals(header(r, "ce_type"))) {
                try {
                    JsonNode data = GatewayClient.JSON.readTree(r.value());
                    out.add(data.get("toStatus").asText());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value());
    }
}
