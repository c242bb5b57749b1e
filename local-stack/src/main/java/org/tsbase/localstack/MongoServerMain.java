package org.tsbase.localstack;

import de.bwaldvogel.mongo.MongoServer;
import org.tsbase.embeddedmongo.IndexedH2Backend;
import org.tsbase.embeddedmongo.StoreLimits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's MongoDB: mongo-java-server speaking the wire protocol, backed by an H2 MVStore file so that data
 * survives restarts, with secondary indexes and index-aware queries ({@link IndexedH2Backend}). Runs as its own
 * process: {@code MongoServerMain --host 127.0.0.1 --port 27018 --file <path> [--cache-mb 64] [--max-store-mb 8192]
 * [--max-result-documents 20000] [--workers 32]}. Stopping it with SIGTERM closes the store cleanly; a hard kill loses
 * no acknowledged write (a write command is answered once its commit is in the file).
 */
public final class MongoServerMain {
    private MongoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = PortName.MONGO.defaultPort();
        Path file = Path.of("data", "mongo", "tsbase.mv");
        int cacheMiB = 64;
        long maxStoreMiB = StoreLimits.DEFAULT.maxStoreBytes() >> 20;
        int maxResultDocuments = StoreLimits.DEFAULT.maxResultDocuments();
        int workers = DEFAULT_WORKERS;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = require(value, "--host");
                case "--port" -> port = Ports.parse(require(value, "--port"), "--port");
                case "--file" -> file = Path.of(require(value, "--file"));
                case "--cache-mb" -> cacheMiB = Integer.parseInt(require(value, "--cache-mb"));
                case "--max-store-mb" -> maxStoreMiB = Long.parseLong(require(value, "--max-store-mb"));
                case "--max-result-documents" -> maxResultDocuments = Integer.parseInt(require(value, args[i]));
                case "--workers" -> workers = Integer.parseInt(require(value, "--workers"));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (use --host, --port, --file, --cache-mb, --max-store-mb, --max-result-documents, --workers)");
            }
            i++;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        long started = System.nanoTime();
        IndexedH2Backend backend = IndexedH2Backend.open(file.toAbsolutePath().toString(), cacheMiB,
                new StoreLimits(maxStoreMiB << 20, maxResultDocuments));
        System.out.printf("Opened %s in %d ms (page cache %d MiB, writes refused beyond %d MiB)%n", file.toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000, cacheMiB, maxStoreMiB);
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the MongoDB wire server");
            server.shutdown(); // also closes the backend, which writes and closes the MVStore
            stopped.countDown();
        }, "mongo-shutdown"));
        server.bind(new java.net.InetSocketAddress(host, port), 1, workers);
        System.out.println("MongoDB wire server listening on " + host + ":" + port + ", data in " + file.toAbsolutePath());
        stopped.await();
    }

    /**
     * Wire-protocol worker threads (Netty event loops). A write command holds its worker until its commit is on disk,
     * and every other command of the connections on that event loop waits behind it; with Netty's default (two per
     * core: 4 here) reads queued behind commits and fewer writes shared one. Measured side by side
     * ({@code WorkerThreadsBench}, bench/results/2026-11-29-embedded-worker-threads.md): 32 workers took 1.3 × the
     * writes of 4 with a read p99 a quarter of theirs.
     */
    static final int DEFAULT_WORKERS = 32;

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
