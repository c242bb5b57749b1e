package org.tsbase.support.it;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.support.kafka.ReceivedEvent;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** A minimal service built on service-support, to test the shared mechanisms once, end to end. */
@SpringBootApplication
public class SupportTestApp {

    static final String TOPIC = "support-it.things";
    static final String TYPE = "tsbase.thing.named.v1";

    @Document("things")
    record Thing(@Id String id, String name, List<OutboxEntry> outbox) {
    }

    record NameRequest(@NotBlank @Size(max = 10) String name) {
    }

    record Named(String id, String name) {
    }

    @org.springframework.context.annotation.Bean
    org.apache.kafka.clients.admin.NewTopic thingsTopic() {
        return org.springframework.kafka.config.TopicBuilder.name(TOPIC).partitions(3).build();
    }

    @org.springframework.context.annotation.Bean
    org.apache.kafka.clients.admin.NewTopic thingsDeadLetterTopic() {
        return org.springframework.kafka.config.TopicBuilder.name(TOPIC + "-dlt").partitions(3).build();
    }

    @RestController
    static class ThingController {

        private final MongoTemplate mongo;
        private final OutboxEvents events;
        private final OutboxRelay relay;

        ThingController(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay) {
            this.mongo = mongo;
            this.events = events;
            this.relay = relay;
        }

        @PostMapping("/things/{id}")
        Named name(@PathVariable String id, @Valid @RequestBody NameRequest body, Caller caller) {
            mongo.insert(new Thing(id, body.name(),
                    new ArrayList<>(List.of(events.event(TOPIC, id, TYPE, new Named(id, body.name()))))));
            relay.publishSoon("things", id);
            return new Named(id, body.name());
        }

        @GetMapping("/things/{id}")
        Named get(@PathVariable String id, Caller caller) {
            Thing t = mongo.findById(id, Thing.class);
            if (t == null) {
                throw ApiException.notFound("problem.status.404");
            }
            return new Named(t.id(), t.name());
        }

        @PreAuthorize("hasRole('ADMIN')")
        @GetMapping("/admin/things")
        List<String> adminOnly() {
            return mongo.findAll(Thing.class).stream().map(Thing::id).toList();
        }
    }

    /**
     * Fails on names starting with "fail" (retried, then dead-lettered); on names starting with "away" the database
     * is away for the first {@link #AWAY} after the record's first attempt (a real template on a port nobody listens
     * on, so the failure is the driver's own, translated by Spring Data); records what it processed.
     */
    @Component
    static class ThingListener {

        static final java.time.Duration AWAY = java.time.Duration.ofSeconds(6);

        final List<String> processed = new CopyOnWriteArrayList<>();
        final java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, Long> firstAttempt = new java.util.concurrent.ConcurrentHashMap<>();
        private final MongoTemplate away = new MongoTemplate(com.mongodb.client.MongoClients.create(
                "mongodb://127.0.0.1:" + org.tsbase.support.testing.TestInfrastructure.freePort()
                        + "/?serverSelectionTimeoutMS=200"), "away");

        @KafkaListener(topics = TOPIC, groupId = "support-it")
        void on(ConsumerRecord<String, byte[]> record) {
            ReceivedEvent event = ReceivedEvent.of(record);
            Named named = event.payload(Named.class);
            attempts.merge(named.id(), 1, Integer::sum);
            if (named.name().startsWith("fail")) {
                throw new IllegalStateException("cannot process " + named.id());
            }
            if (named.name().startsWith("away") && System.currentTimeMillis()
                    - firstAttempt.computeIfAbsent(named.id(), id -> System.currentTimeMillis()) < AWAY.toMillis()) {
                away.findById(named.id(), Thing.class); // DataAccessResourceFailureException after 200 ms
                throw new IllegalStateException("the database on a closed port answered");
            }
            processed.add(named.id());
        }
    }
}
