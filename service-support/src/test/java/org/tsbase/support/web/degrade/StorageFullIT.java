package org.tsbase.support.web.degrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.embeddedmongo.IndexedH2Backend;
import org.tsbase.embeddedmongo.StoreLimits;
import org.tsbase.support.testing.TestTokens;

/**
 * The embedded store past its size limit, end to end: it refuses writes with MongoDB's {@code OutOfDiskSpace}
 * (14031), which callers get as 503 {@code urn:tsbase:problem:storage-full} with {@code Retry-After}, while what
 * is stored can still be read.
 */
@SpringBootTest(classes = DegradeTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // no outbox: its start-up createIndexes would be refused by the full store (a start against a full store
        // is the embedded server's concern, not this test's)
        properties = {"spring.application.name=degrade-storage", "tsbase.outbox.collections="})
class StorageFullIT extends AdminRequests {

    static final String FILE;
    static final MongoServer MONGO;

    static {
        try {
            FILE = Files.createTempDirectory("storage-full-it").resolve("tsbase.mv").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a note stored while there was room
        MongoServer roomy = new MongoServer(IndexedH2Backend.open(FILE, 8, StoreLimits.DEFAULT));
        var address = roomy.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("degrade-storage").getCollection("notes")
                    .insertOne(new Document("_id", "kept").append("text", "stored before the store filled up"));
        }
        roomy.shutdown();
        // the same file, now over its limit
        MONGO = new MongoServer(IndexedH2Backend.open(FILE, 8, new StoreLimits(1, 20_000)));
        MONGO.bind();
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO.getLocalAddress().getPort()
                + "/degrade-storage");
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @Test
    void writesAreRefusedWithAStorageFullProblemAndReadsGoOn() throws Exception {
        HttpResponse<String> write = send("POST", "/notes/new1");
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(write.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(write.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(write.body()).contains("\"type\":\"urn:tsbase:problem:storage-full\"")
                .contains("\"title\":\"存储空间已满\"").contains("暂不能保存");
        assertThat(send("POST", "/notes/new1", "Accept-Language", "en").body()).contains("\"title\":\"Storage full\"");

        HttpResponse<String> read = send("GET", "/notes/kept");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("stored before the store filled up");
        assertThat(send("GET", "/notes/new1").statusCode()).as("nothing was stored").isEqualTo(404);
    }
}
