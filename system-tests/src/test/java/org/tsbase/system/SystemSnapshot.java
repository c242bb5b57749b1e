package org.tsbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the system holds and has published, as far as a client and a Kafka admin can see: API reads as ADMIN (counts
 * and whole documents) and the end offset of every partition of the {@code tsbase.*} topics. Two snapshots taken
 * around a run of requests that must change nothing must be equal.
 */
final class SystemSnapshot {

    /** The consumer groups of the services: their lag tells whether the system is still working on something. */
    static final Set<String> SERVICE_GROUPS = Set.of("application-service", "scoring-service", "notification-service");

    private SystemSnapshot() {
    }

    /** {@code path -> body} for each API read, plus {@code kafka -> offsets}. */
    static Map<String, String> take(GatewayClient client, String adminToken, List<String> reads, String kafka) {
        Map<String, String> out = new TreeMap<>();
        for (String path : reads) {
            GatewayClient.Response r = client.get(path, adminToken);
            assertThat(r.status()).as("snapshot read %s: %s", path, r.body()).isEqualTo(200);
            out.put(path, r.body());
        }
        out.put("kafka end offsets", endOffsets(kafka).toString());
        return out;
    }

    static Map<String, Long> endOffsets(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            return endOffsets(admin);
        }
    }

    private static Map<String, Long> endOffsets(Admin admin) {
        try {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("tsbase."))
                    .collect(Collectors.toSet());
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
            Map<String, Long> offsets = new TreeMap<>();
            result.forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Records the services' consumer groups have not yet processed. */
    private static long lag(Admin admin, Map<String, Long> ends) {
        try {
            long lag = 0;
            for (String group : SERVICE_GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> c : committed.entrySet()) {
                    Long end = ends.get(c.getKey().toString());
                    if (end != null && c.getValue() != null) {
                        lag += Math.max(0, end - c.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until the services have consumed everything on the topics and nothing new was published for a few
     * seconds: the outbox relays and consumers are done with what happened before.
     */
    static void awaitQuiet(String bootstrap, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Admin admin = admin(bootstrap)) {
            Map<String, Long> previous = null;
            int stableReadings = 0;
            while (System.nanoTime() < deadline) {
                Map<String, Long> now = endOffsets(admin);
                long lag = lag(admin, now);
                stableReadings = now.equals(previous) && lag == 0 ? stableReadings + 1 : 0;
                if (stableReadings >= 3) {
                    return;
                }
                previous = now;
                sleep(1500);
            }
        }
        throw new AssertionError("the system did not become quiet within " + atMost);
    }

    /** The differences between two snapshots, by key. */
    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(before);
        after.forEach(all::putIfAbsent);
        for (String key : all.keySet()) {
            String b = before.get(key);
            String a = after.get(key);
            if (b == null ? a != null : !b.equals(a)) {
                out.add(key + ":\n  before: " + b + "\n  after:  " + a);
            }
        }
        return out;
    }

    static JsonNode json(String body) {
        try {
            return GatewayClient.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(p);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
