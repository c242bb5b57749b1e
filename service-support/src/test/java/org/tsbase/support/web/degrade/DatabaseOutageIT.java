package org.tsbase.support.web.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.testing.TcpProxy;
import org.tsbase.support.testing.TestTokens;

/**
 * A database that is away: requests are answered 503 problem+json with {@code Retry-After} within the driver's
 * short timeouts (not a 500, not the driver's 30 s default), and the service serves again by itself once the
 * database is back. The service reaches its database only through a {@link TcpProxy}, whose stop is the outage.
 */
@SpringBootTest(classes = DegradeTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=degrade-outage", "tsbase.mongo.server-selection-timeout=1s",
                "tsbase.mongo.connect-timeout=1s", "tsbase.mongo.read-timeout=2s"})
class DatabaseOutageIT extends AdminRequests {

    static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    static final int MONGO_PORT = MONGO.bind().getPort();
    static final TcpProxy PROXY = new TcpProxy(freePort());

    static {
        PROXY.start(MONGO_PORT);
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + PROXY.port() + "/degrade-outage");
        // nothing here talks to a broker: no listener, no topic, nothing in an outbox
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @Test
    void withTheDatabaseAwayReadsAndWritesAre503WithRetryAfterAndServeAgainWhenItIsBack() throws Exception {
        assertThat(send("POST", "/notes/o1").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/notes/o1").statusCode()).isEqualTo(200);

        PROXY.stop();
        try {
            for (String method : new String[] {"GET", "POST"}) {
                HttpResponse<String> r = send(method, "/notes/o1");
                assertThat(r.statusCode()).as(method).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).as(method).hasValue("5");
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("application/problem+json"));
                assertThat(r.body()).contains("\"type\":\"urn:tsbase:problem:unavailable\"")
                        .contains("\"title\":\"服务暂不可用\"").contains("请稍后再试");
            }
            assertThat(send("GET", "/notes/o1", "Accept-Language", "en").body())
                    .contains("\"title\":\"Service unavailable\"");
        } finally {
            PROXY.start(MONGO_PORT);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(send("GET", "/notes/o1").statusCode()).isEqualTo(200));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
