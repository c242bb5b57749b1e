package org.tsbase.support.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.testing.RawHttp;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8 (hostile corpus): what Tomcat refuses before any filter or controller runs — invalid characters in the
 * request line or the headers, oversized headers or URLs, a bad {@code Content-Length}, {@code CONNECT},
 * {@code TRACE}, an unknown transfer coding — is answered problem+json like every other error, not with Tomcat's
 * HTML page, and says nothing about the server; never with a 5xx (Tomcat's 501 for {@code CONNECT} or an unknown
 * coding is the client's error).
 */
@SpringBootTest(classes = SupportTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=malformed-http-it")
class MalformedHttpIT {

    static final String ORG = "91110107MA01B2C34M";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "malformed-http-it");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    record Case(String name, String head, byte[] body, List<Integer> statuses) {
    }

    static Case of(String name, String head, List<Integer> statuses) {
        return new Case(name, head, null, statuses);
    }

    String auth() {
        return "Authorization: Bearer " + TestTokens.applicant(ORG);
    }

    @Test
    void whatTomcatRefusesIsProblemJson() {
        String host = "Host: 127.0.0.1";
        List<Case> cases = List.of(
                of("a bad percent escape", "GET /things/%zz HTTP/1.1\r\n" + host, List.of(400)),
                of("a raw non-ASCII path", "GET /things/é HTTP/1.1\r\n" + host, List.of(400)),
                of("an encoded slash", "GET /things/a%2f..%2fb HTTP/1.1\r\n" + host, List.of(400)),
                of("an encoded NUL", "GET /things/%00 HTTP/1.1\r\n" + host, List.of(400)),
                of("a path escaping the root", "GET /things/../../actuator/env HTTP/1.1\r\n" + host, List.of(400)),
                of("a bare CR in a header", "GET /things/t HTTP/1.1\r\n" + host + "\r\nX-Id: a\rb", List.of(400)),
                of("a NUL in a header", "GET /things/t HTTP/1.1\r\n" + host + "\r\nX-Id: a\0b", List.of(400)),
                of("a space in a header name", "GET /things/t HTTP/1.1\r\n" + host + "\r\nX Bad: 1", List.of(400)),
                of("obsolete line folding", "GET /things/t HTTP/1.1\r\n" + host + "\r\nX-F: a\r\n b", List.of(400, 401)),
                of("double slashes", "GET //actuator//prometheus HTTP/1.1\r\n" + host + "\r\n" + auth(),
                        List.of(400, 401, 403, 404)),
                of("a path parameter", "GET /actuator/prometheus;x=y HTTP/1.1\r\n" + host + "\r\n" + auth(),
                        List.of(400, 401, 403, 404)),
                of("a dot-dot path parameter", "GET /things/..;/admin/things HTTP/1.1\r\n" + host + "\r\n" + auth(),
                        List.of(400, 401, 403, 404)),
                of("an encoded dot-dot", "GET /things/%2e%2e/%2e%2e/actuator/prometheus HTTP/1.1\r\n" + host + "\r\n"
                        + auth(), List.of(400, 401, 403, 404)),
                of("two Host headers", "GET /things/t HTTP/1.1\r\n" + host + "\r\nHost: evil.example", List.of(400)),
                of("a 20 kB header", "GET /things/t HTTP/1.1\r\n" + host + "\r\nX-Filler: " + "a".repeat(20_000),
                        List.of(400, 431)),
                of("a 20 kB path", "GET /things/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host, List.of(400, 414)),
                of("CONNECT", "CONNECT /things/t HTTP/1.1\r\n" + host + "\r\n" + auth(), List.of(400, 405)),
                of("an unknown HTTP version", "GET /things/t HTTP/1.7\r\n" + host + "\r\n" + auth(), List.of(400)),
                of("TRACE", "TRACE /things/t HTTP/1.1\r\n" + host + "\r\n" + auth(), List.of(400, 405)),
                of("an unknown method", "FOO /things/t HTTP/1.1\r\n" + host + "\r\n" + auth(), List.of(400, 405)),
                of("a lower-case method", "get /things/t HTTP/1.1\r\n" + host + "\r\n" + auth(), List.of(400, 405)),
                new Case("an unknown transfer coding", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked",
                        "{\"name\":\"x\"}".getBytes(), List.of(400)),
                new Case("a bad chunk size", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                        "zz\r\n{\"name\":\"x\"}\r\n0\r\n\r\n".getBytes(), List.of(400)),
                new Case("two different Content-Lengths", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 12\r\nContent-Length: 5",
                        "{\"name\":\"x\"}".getBytes(), List.of(400)),
                new Case("a negative Content-Length", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nContent-Length: -1",
                        "{\"name\":\"x\"}".getBytes(), List.of(400)),
                new Case("a Content-Length of 2^63", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 9223372036854775808",
                        "{\"name\":\"x\"}".getBytes(), List.of(400, 413)),
                new Case("Content-Length and chunked together", "POST /things/t HTTP/1.1\r\n" + host + "\r\n" + auth()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 45\r\nTransfer-Encoding: chunked",
                        "0\r\n\r\nGET /things/t HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), List.of(400)));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            RawHttp.Response r = RawHttp.send(port, c.head(), c.body());
            String problem = problemJsonFailure(r, c.statuses());
            if (problem != null) {
                failures.add(c.name() + ": " + problem + "\n  " + r);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anEnglishCallerGetsEnglish() {
        RawHttp.Response r = RawHttp.send(port, "GET /things/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en", null);
        assertThat(problemJsonFailure(r, List.of(400))).isNull();
        assertThat(JSON.readTree(r.body()).path("title").asText()).isEqualTo("Bad request");
    }

    @Test
    void bracketsInAQueryAreTakenLiterally() {
        // an operator-like parameter name reaches the application (which ignores it) instead of a Tomcat 400
        RawHttp.Response r = RawHttp.send(port, "GET /things/none?name[$ne]=x HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth(),
                null);
        assertThat(problemJsonFailure(r, List.of(404))).as(r.toString()).isNull();
    }

    @Test
    void aTokenInTheQueryIsNotATokenAnd401() {
        RawHttp.Response r = RawHttp.send(port, "GET /things/t?access_token=" + TestTokens.applicant(ORG)
                + " HTTP/1.1\r\nHost: 127.0.0.1", null);
        assertThat(problemJsonFailure(r, List.of(401))).as(r.toString()).isNull();
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    static byte[] chunked(byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    String chunkedPost(String id) {
        return "POST /things/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNothingIsStored() {
        // valid JSON once read whole: a short name, then 2 MB of white space
        byte[] padded = ("{\"name\":\"chunky\"" + " ".repeat(2 * 1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response r = RawHttp.send(port, chunkedPost("chunky1"), chunked(padded));
        assertThat(problemJsonFailure(r, List.of(413))).as(r.toString()).isNull();
        assertThat(r.body()).contains("请求体超过上限");
        assertThat(mongo.findById("chunky1", SupportTestApp.Thing.class)).isNull();

        // a chunked body within the limit is read as before
        RawHttp.Response small = RawHttp.send(port, chunkedPost("chunky2"),
                chunked("{\"name\":\"小块\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(small.status()).as(small.toString()).isEqualTo(200);
        assertThat(mongo.findById("chunky2", SupportTestApp.Thing.class).name()).isEqualTo("小块");
    }

    @Test
    void anOverlongUtf8SequenceIs400AndNothingIsStored() {
        byte[] overlong = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};
        RawHttp.Response r = RawHttp.send(port, "POST /things/utf1 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + overlong.length, overlong);
        assertThat(problemJsonFailure(r, List.of(400))).as(r.toString()).isNull();
        assertThat(JSON.readTree(r.body()).path("type").asText()).isEqualTo("urn:tsbase:problem:bad-encoding");
        assertThat(mongo.findById("utf1", SupportTestApp.Thing.class)).isNull();

        // a UTF-8 surrogate (CESU-8) and a truncated sequence are refused alike; chunked bodies are checked too
        byte[] surrogate = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        RawHttp.Response s = RawHttp.send(port, chunkedPost("utf2"), chunked(surrogate));
        assertThat(problemJsonFailure(s, List.of(400))).as(s.toString()).isNull();
        assertThat(mongo.findById("utf2", SupportTestApp.Thing.class)).isNull();
    }

    /** Why {@code r} is not a problem+json answer with one of {@code statuses}, or null when it is. */
    static String problemJsonFailure(RawHttp.Response r, List<Integer> statuses) {
        if (!statuses.contains(r.status())) {
            return "status " + r.status() + " not in " + statuses;
        }
        if (r.header("Content-Type") == null || !r.header("Content-Type").startsWith("application/problem+json")) {
            return "not problem+json";
        }
        String lower = r.body().toLowerCase();
        if (lower.contains("<html") || lower.contains("tomcat") || lower.contains("apache") || lower.contains("exception")) {
            return "HTML or server details in the body";
        }
        if (r.header("Server") != null) {
            return "a Server header";
        }
        JsonNode json = JSON.readTree(r.body());
        if (json.path("status").asInt() != r.status() || json.path("title").asText().isBlank()
                || !json.path("type").asText().startsWith("urn:tsbase:problem:")) {
            return "status, title or type missing";
        }
        return null;
    }
}
