package org.tsbase.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;

/**
 * Submit → score visible: a plain consumer of {@code tsbase.scores} from its end at the start of the run; for every
 * submission it is told about, the time from the submit request until the first {@code score.computed.v1} keyed by
 * that application id (CloudEvents binary mode: the type is the {@code ce_type} header). Replays are ignored.
 */
final class ScoreWatcher implements AutoCloseable {

    private record Expectation(String applicationId, long submitNanos, Workload workload, Runnable onScored) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Expectation> incoming = new ConcurrentLinkedQueue<>();
    private final Map<String, Expectation> waiting = new HashMap<>();
    private final Map<String, Long> arrived = new HashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());
    private volatile boolean running = true;

    ScoreWatcher(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tsbase-bench-scores");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORES, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start now, before any submission
        thread = new Thread(this::loop, "bench-scores");
        thread.setDaemon(true);
        thread.start();
    }

    /** A submission sent at {@code submitNanos} whose score event is awaited; its latency goes to {@code workload}. */
    void expect(String applicationId, long submitNanos, Workload workload, Runnable onScored) {
        pending.incrementAndGet();
        incoming.add(new Expectation(applicationId, submitNanos, workload, onScored));
    }

    /** Submissions told about whose score event has not arrived yet. */
    long pending() {
        return pending.get();
    }

    /** Waits until nothing is pending, or until {@code max} passed; returns what is still pending. */
    long awaitAll(Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (pending.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        return pending.get();
    }

    /** Waits until no score event came for {@code quiet}, at most {@code max}: the scoring backlog is gone. */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - lastEventNanos.get() < quiet.toNanos() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    /** Forgets what is still awaited (counted as missing by the caller). */
    void forgetPending() {
        incoming.add(new Expectation(null, 0, null, null));
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                lastEventNanos.set(now);
                if (record.key() == null || !EventTypes.SCORE_COMPUTED.equals(header(record, "ce_type"))
                        || "true".equals(header(record, "ce_" + EventTypes.REPLAY_EXTENSION))) {
                    continue;
                }
                Expectation e = waiting.remove(record.key());
                if (e != null) {
                    scored(e, now);
                } else {
                    arrived.putIfAbsent(record.key(), now);
                }
            }
            for (Expectation e; (e = incoming.poll()) != null; ) {
                if (e.applicationId() == null) {
                    pending.addAndGet(-waiting.size());
                    waiting.clear();
                    continue;
                }
                Long at = arrived.remove(e.applicationId());
                if (at != null) {
                    scored(e, at);
                } else {
                    waiting.put(e.applicationId(), e);
                }
            }
        }
    }

    private void scored(Expectation e, long at) {
        e.workload().record(Workload.SEEN, e.submitNanos(), at);
        pending.decrementAndGet();
        e.onScored().run();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        consumer.close(Duration.ofSeconds(2));
    }
}
