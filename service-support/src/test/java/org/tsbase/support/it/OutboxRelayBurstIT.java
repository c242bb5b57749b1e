package org.tsbase.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TopicProbe;

/**
 * A burst through the outbox relay: many documents changed at once from many threads, each with several events, with
 * a small batch and a tiny bound on the documents waiting, so most rounds are full and most documents overflow to the
 * sweep. Every event must reach the topic exactly once, in each document's order, and leave its outbox.
 */
@SpringBootTest(classes = SupportTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsbase.outbox.batch-size=7", "tsbase.outbox.max-waiting=20"})
class OutboxRelayBurstIT {

    static final int DOCUMENTS = 240;
    static final int EVENTS_PER_DOCUMENT = 3;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "support-burst-it");
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxEvents events;

    @Test
    void everyEventOfABurstArrivesOnceInItsDocumentsOrderAndTheOutboxesEmpty() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            String id = "burst-" + d;
            done.add(writers.submit(() -> {
                mongo.insert(new SupportTestApp.Thing(id, "b", new ArrayList<>(List.of(named(id, 0)))));
                relay.publishSoon("things", id);
                for (int e = 1; e < EVENTS_PER_DOCUMENT; e++) {
                    // a later change appends its event while earlier ones may be in flight
                    mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                            new Update().push("outbox", named(id, e)), "things");
                    relay.publishSoon("things", id);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        assertThat(relay.waiting()).as("documents waiting are bounded by max-waiting").isLessThanOrEqualTo(20);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(relay.pending("things")).isZero());

        Map<String, List<String>> names = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicProbe.readAll(TestInfrastructure.kafka().bootstrapServers(),
                SupportTestApp.TOPIC)) {
            if (r.key() != null && r.key().startsWith("burst-")) {
                String json = new String(r.value(), StandardCharsets.UTF_8);
                names.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(json.replaceAll(".*\"name\":\"([^\"]*)\".*", "$1"));
            }
        }
        assertThat(names).hasSize(DOCUMENTS);
        assertThat(names.values()).allSatisfy(seq -> assertThat(seq).containsExactly("e0", "e1", "e2"));
    }

    private org.tsbase.support.outbox.OutboxEntry named(String id, int n) {
        return events.event(SupportTestApp.TOPIC, id, SupportTestApp.TYPE, new SupportTestApp.Named(id, "e" + n));
    }
}
