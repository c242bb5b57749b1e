package org.tsbase.support.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>All sending runs on one thread, so the immediate relay and the sweep never race for the same entry. It works in
 * rounds of up to {@code batchSize} documents: one query reads their outboxes, every entry is handed to the producer
 * at once (the producer batches them and keeps each key's order), and one unordered bulk write removes what the
 * broker acknowledged. Under load a round therefore costs about one broker round trip and two database commands
 * however many events it carries; sending and clearing one event at a time kept a deadline-day burst's events
 * seconds behind their requests (measured: {@code bench/results/2026-11-28-quiet-baseline.md}).
 *
 * <p>The documents waiting for the immediate relay are a bounded set ({@code maxWaiting}); past it a document is left
 * to the sweep, whose query reads pending documents through a sparse index, so nothing is lost and memory stays
 * bounded.
 */
public class OutboxRelay implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String FIELD = "outbox";
    /** The time of a document's oldest pending entry: indexed sparsely, so only documents with pending entries are in it. */
    static final String DUE = FIELD + ".0.time";
    static final String DUE_INDEX = "outbox_due";

    private record Pending(String collection, Object documentId) {
    }

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final URI source;
    private final OutboxProperties properties;
    private final Clock clock;
    /** One thread; its queue holds at most the drain task and the sweep, everything else waits in {@link #waiting}. */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(4), r -> {
                Thread t = new Thread(r, "outbox-relay");
                t.setDaemon(true);
                return t;
            });
    private final Object lock = new Object();
    private final LinkedHashSet<Pending> waiting = new LinkedHashSet<>();
    private boolean draining;
    private long leftToSweep;

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
        synchronized (lock) {
            if (waiting.size() >= properties.maxWaiting() && !waiting.contains(new Pending(collection, documentId))) {
                if (leftToSweep++ % 1000 == 0) {
                    log.warn("outbox: {} documents wait for the relay already; events of later ones are sent by the sweep "
                            + "({} so far)", waiting.size(), leftToSweep);
                }
                return;
            }
            waiting.add(new Pending(collection, documentId));
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            sender.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // shutting down: the sweep of the next start sends what is left
            synchronized (lock) {
                draining = false;
            }
        }
    }

    /** Documents waiting for the immediate relay (not counting those left to the sweep). */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    private void drain() {
        while (true) {
            List<Pending> round = new ArrayList<>();
            synchronized (lock) {
                Iterator<Pending> it = waiting.iterator();
                while (it.hasNext() && round.size() < properties.batchSize()) {
                    round.add(it.next());
                    it.remove();
                }
                if (round.isEmpty()) {
                    draining = false;
                    return;
                }
            }
            try {
                Map<String, List<Object>> ids = new LinkedHashMap<>();
                round.forEach(p -> ids.computeIfAbsent(p.collection(), c -> new ArrayList<>()).add(p.documentId()));
                ids.forEach((collection, documentIds) -> send(collection, mongo.getCollection(collection)
                        .find(in("_id", documentIds)).projection(Projections.include(FIELD))));
            } catch (RuntimeException e) {
                // the database is away: these documents keep their entries, and the sweep sends them later
                log.warn("outbox: {} documents not relayed now, the sweep retries: {}", round.size(), e.toString());
            }
        }
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
            int round;
            int rounds = 0;
            do {
                round = send(collection, mongo.getCollection(collection)
                        .find(and(exists(FIELD + ".0"), lt(DUE, before)))
                        .sort(Sorts.ascending(DUE)).projection(Projections.include(FIELD)).limit(properties.batchSize()));
                sent += round;
            } while (round > 0 && ++rounds < 20);
        }
        return sent;
    }

    /** Counts what is still waiting, for health and tests. */
    public long pending(String collection) {
        return mongo.getCollection(collection).countDocuments(gt(DUE, new Date(Long.MIN_VALUE)));
    }

    private record InFlight(Object documentId, List<OutboxEntry> entries, List<CompletableFuture<?>> acks) {
    }

    /**
     * Hands every entry of these documents to the producer, waits for the acknowledgements, and removes from each
     * document the entries acknowledged before its first failure (so a document's events stay in order); returns
     * the number of entries removed.
     */
    private int send(String collection, Iterable<Document> documents) {
        List<InFlight> inFlight = new ArrayList<>();
        RuntimeException refused = null;
        for (Document doc : documents) {
            List<OutboxEntry> entries = entries(doc);
            List<CompletableFuture<?>> acks = new ArrayList<>(entries.size());
            for (OutboxEntry entry : entries) {
                CompletableFuture<?> ack;
                try {
                    // once the producer refused one (no metadata within max.block.ms, buffer full), it would block
                    // again for each of the rest: they wait for the sweep instead
                    ack = refused != null ? CompletableFuture.failedFuture(refused) : kafka.send(record(entry));
                } catch (RuntimeException e) {
                    refused = e;
                    ack = CompletableFuture.failedFuture(e);
                }
                acks.add(ack);
            }
            if (!entries.isEmpty()) {
                inFlight.add(new InFlight(doc.get("_id"), entries, acks));
            }
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<UpdateOneModel<Document>> clear = new ArrayList<>();
        int sent = 0;
        int failed = 0;
        String firstFailure = null;
        for (InFlight f : inFlight) {
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < f.entries().size(); i++) {
                try {
                    f.acks().get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged.add(f.entries().get(i).eventId());
                } catch (Exception e) {
                    // stop at the first failure to keep the document's events in order; the sweep tries again
                    failed++;
                    if (firstFailure == null) {
                        OutboxEntry entry = f.entries().get(i);
                        firstFailure = entry.eventId() + " (" + entry.type() + "): " + rootCause(e);
                    }
                    break;
                }
            }
            if (!acknowledged.isEmpty()) {
                clear.add(new UpdateOneModel<>(eq("_id", f.documentId()),
                        Updates.pull(FIELD, in("eventId", acknowledged))));
                sent += acknowledged.size();
            }
        }
        if (failed > 0) {
            log.warn("outbox: {} of {} documents' events not acknowledged yet, first {}", failed, inFlight.size(),
                    firstFailure);
        }
        if (!clear.isEmpty()) {
            mongo.getCollection(collection).bulkWrite(clear, new BulkWriteOptions().ordered(false));
        }
        return sent;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
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
