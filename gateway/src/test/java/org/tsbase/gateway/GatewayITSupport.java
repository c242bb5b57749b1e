package org.tsbase.gateway;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts the gateway on a random port in front of four stub services. Subclasses share one
 * application context (same properties), so the gateway starts once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayITSupport {

    static final TestTokens TOKENS = new TestTokens();

    static final Map<String, StubService> SERVICES = Map.of(
            "application", StubService.start("application"),
            "scoring", StubService.start("scoring"),
            "notification", StubService.start("notification"),
            "contact", StubService.start("contact"));

    /** Small limits so that tests reach them quickly. */
    static final int BURST = 10;
    static final int DEFAULT_MAX_BYTES = 16 * 1024;
    static final int ATTACHMENT_MAX_BYTES = 64 * 1024;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, stub) -> registry.add("tsbase.gateway.services." + name, () -> stub.baseUrl().toString()));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
        registry.add("tsbase.gateway.rate-limit.burst", () -> BURST);
        registry.add("tsbase.gateway.rate-limit.requests-per-second", () -> 1);
        registry.add("tsbase.gateway.request-size.default-max", () -> DEFAULT_MAX_BYTES + "B");
        registry.add("tsbase.gateway.request-size.paths[0].pattern", () -> "/api/applications/*/attachments/**");
        registry.add("tsbase.gateway.request-size.paths[0].max", () -> ATTACHMENT_MAX_BYTES + "B");
        registry.add("tsbase.gateway.downstream-health.cache-for", () -> "0s");
        registry.add("tsbase.gateway.downstream-health.timeout", () -> "3s"); // a busy CI machine
    }

    WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static StubService service(String name) {
        return SERVICES.get(name);
    }

    /**
     * Reads a raw HTTP response's status line and headers, up to and including the empty line; fails when the
     * connection closes first (for the tests that speak HTTP over a socket).
     */
    static String readHead(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed without a complete response after " + head.size()
                        + " bytes: " + head.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
