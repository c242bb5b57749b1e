package org.tsbase.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's database process killed with SIGKILL right after acknowledging writes keeps every one of them: what a
 * service was told is stored is there after a restart (issue 8: nothing acknowledged is lost).
 */
class DatabaseCrashIT {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void acknowledgedWritesSurviveAKillDashNine() throws Exception {
        int port = freePort();
        Path file = dir.resolve("tsbase.mv");
        process = start(port, file);
        List<String> acknowledged = new ArrayList<>();
        try (MongoClient client = client(port)) {
            MongoCollection<Document> c = client.getDatabase("crash").getCollection("applications");
            for (int i = 0; i < 300; i++) {
                c.insertOne(new Document("_id", "a" + i).append("version", 0));
                acknowledged.add("a" + i);
            }
            for (int i = 0; i < 300; i += 3) {
                c.updateOne(Filters.and(Filters.eq("_id", "a" + i), Filters.eq("version", 0)), Updates.inc("version", 1));
            }
            // killed at once, within the MVStore's one-second autocommit window
            process.destroyForcibly().waitFor();
        }

        process = start(port, file);
        try (MongoClient client = client(port)) {
            MongoCollection<Document> c = client.getDatabase("crash").getCollection("applications");
            assertThat(c.countDocuments()).isEqualTo(acknowledged.size());
            assertThat(c.countDocuments(Filters.eq("version", 1))).isEqualTo(100);
        }
    }

    private static MongoClient client(int port) {
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=30000");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return true;
        });
        return client;
    }

    private static Process start(int port, Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // as the launcher runs it: from the packaged jar and its libraries (failsafe runs after package)
        String classpath = Path.of("target", "lib").toAbsolutePath() + File.separator + "*" + File.pathSeparator
                + Path.of("target", "local-stack.jar").toAbsolutePath();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classpath,
                MongoServerMain.class.getName(), "--port", String.valueOf(port), "--file", file.toString())
                .redirectErrorStream(true).redirectOutput(new File(file + ".log")).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
