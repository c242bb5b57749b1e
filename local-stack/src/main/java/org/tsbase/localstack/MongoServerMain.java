package org.tsbase.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's MongoDB: mongo-java-server speaking the wire protocol, backed by an H2 MVStore file so that data
 * survives restarts. Runs as its own process: {@code MongoServerMain --host 127.0.0.1 --port 27018 --file <path>}.
 * Stopping it with SIGTERM closes the store cleanly; a hard kill loses at most the last second (MVStore autocommit).
 */
public final class MongoServerMain {
    private MongoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = PortName.MONGO.defaultPort();
        Path file = Path.of("data", "mongo", "tsbase.mv");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = require(value, "--host");
                case "--port" -> port = Ports.parse(require(value, "--port"), "--port");
                case "--file" -> file = Path.of(require(value, "--file"));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (use --host, --port, --file)");
            }
            i++;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        H2Backend backend = new H2Backend(file.toAbsolutePath().toString());
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the MongoDB wire server");
            server.shutdown(); // also closes the backend, which writes and closes the MVStore
            stopped.countDown();
        }, "mongo-shutdown"));
        server.bind(host, port);
        System.out.println("MongoDB wire server listening on " + host + ":" + port + ", data in " + file.toAbsolutePath());
        stopped.await();
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
