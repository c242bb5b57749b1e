package org.tsbase.embeddedmongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * How many wire-protocol worker threads the embedded database should run with: every write command waits in its
 * worker for the commit, and a connection's other commands (reads too) wait behind it on the same event loop. Runs
 * the same load (writers inserting and updating application-sized documents, readers reading by id and timing it)
 * against a fresh store once per worker count, in turn, and prints writes/s and read latency side by side. Not a
 * test: {@code java -cp <test classpath> org.tsbase.embeddedmongo.WorkerThreadsBench <dir> <seconds> 4,16,4,16}.
 */
public final class WorkerThreadsBench {

    private static final String PAD = "商业秘密保护示范点".repeat(120);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        int[] workers = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 48;
        for (int w : workers) {
            Path file = dir.resolve("bench-" + w + "-" + System.nanoTime() + ".mv");
            Files.createDirectories(dir);
            IndexedH2Backend backend = IndexedH2Backend.open(file.toString(), 96, StoreLimits.DEFAULT);
            MongoServer server = new MongoServer(backend);
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1, w);
            int port = server.getLocalAddress().getPort();
            MongoClientSettings settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                    .applyToConnectionPoolSettings(p -> p.maxSize(200)).build();
            try (MongoClient client = MongoClients.create(settings)) {
                MongoCollection<Document> apps = client.getDatabase("bench").getCollection("applications");
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong ids = new AtomicLong();
                AtomicLong writes = new AtomicLong();
                ConcurrentLinkedQueue<Long> readNanos = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(writers + 8);
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    work.add(pool.submit(() -> {
                        while (!stop.get()) {
                            long n = ids.incrementAndGet();
                            apps.insertOne(new Document("_id", "a" + n).append("pad", PAD).append("v", 1));
                            apps.updateOne(eq("_id", "a" + n), Updates.set("v", 2));
                            writes.addAndGet(2);
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < 8; i++) {
                    work.add(pool.submit(() -> {
                        while (!stop.get()) {
                            long n = 1 + ThreadLocalRandom.current().nextLong(Math.max(1, ids.get()));
                            long t0 = System.nanoTime();
                            apps.find(eq("_id", "a" + n)).first();
                            readNanos.add(System.nanoTime() - t0);
                            Thread.sleep(20);
                        }
                        return null;
                    }));
                }
                Thread.sleep(seconds * 1000 / 4); // warm-up
                long w0 = writes.get();
                readNanos.clear();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                long w1 = writes.get();
                long[] reads = readNanos.stream().mapToLong(Long::longValue).sorted().toArray();
                stop.set(true);
                for (Future<?> f : work) {
                    f.get();
                }
                pool.shutdown();
                System.out.printf("workers %2d: %6.0f writes/s, reads %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", w,
                        (w1 - w0) / elapsed, reads.length, pct(reads, 0.50), pct(reads, 0.99),
                        reads.length == 0 ? 0 : reads[reads.length - 1] / 1e6);
            }
            server.shutdown();
            Files.deleteIfExists(file);
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
