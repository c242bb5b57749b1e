package org.tsbase.support.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.tsbase.events.EventTypes;

/**
 * Sends what waits in documents' {@code outbox} arrays, in order, with acks=all and an idempotent producer, and
 * removes each entry only after the broker acknowledged it. A periodic sweep sends whatever a crash or a broker
 * outage left behind. Delivery is at least once: consumers are idempotent.
 *
 * <p>All sending runs on one thread, so the immediate relay and the sweep never race for the same entry.
 */
public class OutboxRelay implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String FIELD = "outbox";
    /** The time of a document's oldest pending entry: indexed sparsely, so only documents with pending entries are in it. */
    static final String DUE = FIELD + ".0.time";
    static final String DUE_INDEX = "outbox_due";

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final URI source;
    private final OutboxProperties properties;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, String serviceName,
            OutboxProperties properties, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.source = URI.create(EventTypes.source(serviceName));
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The sweep finds pending entries through a sparse index on the oldest entry's time, so its cost follows the
     * events waiting, not the documents stored (the index holds only documents whose outbox is not empty).
     */
    @Override
    public void afterPropertiesSet() {
        for (String collection : properties.collections()) {
            mongo.indexOps(collection).createIndex(new Index().on(DUE, Sort.Direction.ASC).sparse().named(DUE_INDEX));
        }
    }

    /** Sends the pending events of one document soon, without making the caller wait for the broker. */
    public void publishSoon(String collection, Object documentId) {
        sender.execute(() -> publishNow(collection, documentId));
    }

    /** Sends the pending events of one document now; returns how many the broker acknowledged. */
    public int publishNow(String collection, Object documentId) {
        Document doc = mongo.getCollection(collection).find(eq("_id", documentId))
                .projection(Projections.include(FIELD)).first();
        return doc == null ? 0 : send(collection, documentId, entries(doc));
    }

    /** Sends entries older than the grace period from every registered collection. */
    @Scheduled(fixedDelayString = "${tsbase.outbox.sweep-interval:3s}", initialDelayString = "${tsbase.outbox.sweep-interval:3s}")
    public void sweep() {
        try {
            sender.submit(this::sweepNow).get(properties.sendTimeout().toMillis() * 10, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("outbox sweep did not complete: {}", e.toString());
        }
    }

    int sweepNow() {
        Date before = Date.from(clock.instant().minus(properties.sweepGrace()));
        int sent = 0;
        for (String collection : properties.collections()) {
            for (Document doc : mongo.getCollection(collection)
                    .find(and(exists(FIELD + ".0"), lt(DUE, before)))
                    .sort(Sorts.ascending(DUE)).projection(Projections.include(FIELD)).limit(500)) {
                sent += send(collection, doc.get("_id"), entries(doc));
            }
        }
        return sent;
    }

    /** Counts what is still waiting, for health and tests. */
    public long pending(String collection) {
        return mongo.getCollection(collection).countDocuments(gt(DUE, new Date(Long.MIN_VALUE)));
    }

    private int send(String collection, Object documentId, List<OutboxEntry> entries) {
        int sent = 0;
        for (OutboxEntry entry : entries) {
            try {
                kafka.send(record(entry)).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // stop at the first failure to keep the document's events in order; the sweep tries again
                log.warn("outbox: event {} ({}) not acknowledged yet: {}", entry.eventId(), entry.type(), e.toString());
                return sent;
            }
            mongo.getCollection(collection).updateOne(eq("_id", documentId),
                    Updates.pull(FIELD, new Document("eventId", entry.eventId())));
            sent++;
        }
        return sent;
    }

    ProducerRecord<String, byte[]> record(OutboxEntry entry) {
        if (entry.tombstone()) {
            return new ProducerRecord<>(entry.topic(), entry.key(), null);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(entry.eventId())
                .withSource(source)
                .withType(entry.type())
                .withSubject(entry.subject())
                .withTime(entry.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(entry.data().getBytes(StandardCharsets.UTF_8));
        if (entry.replay()) {
            builder.withExtension(EventTypes.REPLAY_EXTENSION, true);
        }
        CloudEvent event = builder.build();
        return KafkaMessageFactory.<String>createWriter(entry.topic(), entry.key()).writeBinary(event);
    }

    @SuppressWarnings("unchecked")
    static List<OutboxEntry> entries(Document doc) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (Document d : (List<Document>) doc.getOrDefault(FIELD, List.of())) {
            Date time = d.getDate("time");
            entries.add(new OutboxEntry(d.getString("eventId"), d.getString("topic"), d.getString("key"),
                    d.getString("type"), d.getString("subject"), time == null ? Instant.EPOCH : time.toInstant(),
                    d.getString("data"), Boolean.TRUE.equals(d.getBoolean("replay"))));
        }
        return entries;
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
