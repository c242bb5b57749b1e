package org.tsbase.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tsbase.events.EventJson;

/**
 * An independent Kafka client for tests: reads what services really published and writes events (or poison) the
 * way a producer would, in CloudEvents binary mode.
 */
public final class TopicProbe {

    private TopicProbe() {
    }

    /**
     * Everything currently on {@code topic}, from the beginning up to the end offsets at the time of the call. Reads
     * by assignment, without a consumer group, so there is no coordinator to wait for.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, String ceType) {
        return readAll(bootstrap, topic).stream()
                .filter(r -> r.headers().lastHeader("ce_type") != null
                        && ceType.equals(new String(r.headers().lastHeader("ce_type").value())))
                .toList();
    }

    /** Sends a CloudEvent in binary mode, as the outbox relay does. */
    public static void sendEvent(String bootstrap, String topic, String key, String type, String id, Object payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventJson.toBytes(payload));
        Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", "/tsbase/test",
                        "ce_subject", key, "content-type", "application/json")
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes())));
        sendRaw(bootstrap, record);
    }

    public static void sendRaw(String bootstrap, ProducerRecord<String, byte[]> record) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value());
    }
}
