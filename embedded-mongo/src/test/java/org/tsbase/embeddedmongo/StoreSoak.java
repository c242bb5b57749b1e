package org.tsbase.embeddedmongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * A soak of the embedded store as the local stack uses it, to reproduce (and then to rule out) a store that no longer
 * opens after a restart: writers insert and update documents with a commit per write (durable), readers walk indexes,
 * a new index is built now and then over a filled collection (a full read), and the whole server is stopped the way
 * SIGTERM stops it and opened again; after each reopen every acknowledged document must be there. Not a test (it runs
 * for minutes): {@code java -cp <test classpath> org.tsbase.embeddedmongo.StoreSoak <dir> <minutes> [restartSeconds]}.
 */
public final class StoreSoak {

    private static final String PAD = "商业秘密保护示范点".repeat(60);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long minutes = Long.parseLong(args[1]);
        long restartSeconds = args.length > 2 ? Long.parseLong(args[2]) : 20;
        Files.createDirectories(dir);
        String file = dir.resolve("soak.mv").toString();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        AtomicLong ids = new AtomicLong();
        int round = 0;
        while (System.nanoTime() < end) {
            round++;
            long t0 = System.nanoTime();
            IndexedH2Backend backend = IndexedH2Backend.open(file, 16, StoreLimits.DEFAULT);
            System.out.printf("round %d: opened in %d ms, %d acknowledged so far%n", round,
                    (System.nanoTime() - t0) / 1_000_000, acked.size());
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                MongoCollection<Document> apps = client.getDatabase("soak").getCollection("applications");
                verify(apps, acked);
                apps.createIndex(Indexes.ascending("callId", "createdAt"));
                apps.createIndex(Indexes.ascending("outboxDue"));
                AtomicBoolean stop = new AtomicBoolean();
                AtomicBoolean idle = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<java.util.concurrent.Future<?>> work = new ArrayList<>();
                for (int w = 0; w < 5; w++) {
                    int seed = w;
                    work.add(pool.submit(() -> write(apps, acked, ids, idle, new Random(seed * 31L + System.nanoTime()))));
                }
                for (int r = 0; r < 2; r++) {
                    work.add(pool.submit(() -> read(apps, stop)));
                }
                int roundNo = round;
                work.add(pool.submit(() -> {
                    // a service starting against a filled store: a new index reads every document
                    MongoCollection<Document> other = client.getDatabase("soak").getCollection("applications");
                    sleep(restartSeconds * 1300);
                    other.createIndex(Indexes.ascending("r" + roundNo));
                    other.countDocuments(eq("pad", "none")); // a full read that holds nothing
                    return null;
                }));
                sleep(restartSeconds * 1000);
                idle.set(true); // then idle but for reads: MVStore compacts in the background when writes stop
                sleep(restartSeconds * 1000);
                stop.set(true);
                for (var f : work) {
                    f.get();
                }
                pool.shutdown();
            }
            server.shutdown(); // as the SIGTERM hook does: also closes the backend
        }
        IndexedH2Backend backend = IndexedH2Backend.open(file, 16, StoreLimits.DEFAULT);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            verify(client.getDatabase("soak").getCollection("applications"), acked);
        }
        server.shutdown();
        System.out.printf("done: %d rounds, %d acknowledged, all present, file %d MiB%n", round, acked.size(),
                Files.size(Path.of(file)) >> 20);
    }

    private static Object write(MongoCollection<Document> apps, ConcurrentLinkedQueue<String> acked, AtomicLong ids,
            AtomicBoolean stop, Random random) {
        while (!stop.get()) {
            String id = "a" + ids.incrementAndGet();
            apps.insertOne(new Document("_id", id).append("callId", "c" + random.nextInt(3))
                    .append("createdAt", System.nanoTime()).append("outboxDue", System.nanoTime())
                    .append("pad", PAD).append("v", 1));
            acked.add(id);
            if (random.nextInt(3) == 0 && ids.get() > 10) {
                String other = "a" + (1 + random.nextInt((int) ids.get() - 1));
                apps.updateOne(eq("_id", other), Updates.combine(Updates.inc("v", 1),
                        Updates.unset("outboxDue"), Updates.set("pad", PAD + random.nextInt())));
            }
        }
        return null;
    }

    private static Object read(MongoCollection<Document> apps, AtomicBoolean stop) {
        while (!stop.get()) {
            apps.find(eq("callId", "c1")).sort(Sorts.descending("createdAt")).limit(50).into(new ArrayList<>());
            apps.countDocuments(eq("callId", "c2"));
            apps.find(new Document("outboxDue", new Document("$exists", true))).limit(100).into(new ArrayList<>());
        }
        return null;
    }

    private static void verify(MongoCollection<Document> apps, ConcurrentLinkedQueue<String> acked) {
        long stored = apps.countDocuments();
        int missing = 0;
        for (String id : acked) {
            if (apps.find(eq("_id", id)).first() == null) {
                missing++;
            }
        }
        if (missing > 0 || stored < acked.size()) {
            throw new IllegalStateException(missing + " acknowledged documents missing, " + stored + " stored of "
                    + acked.size());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
