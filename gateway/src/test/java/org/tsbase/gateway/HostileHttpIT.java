package org.tsbase.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a well-behaved HTTP client would never send, written byte for byte on a socket: each
 * gets a problem+json answer at once, and nothing reaches the service.
 */
class HostileHttpIT extends GatewayITSupport {

    /** A body announced far over the limit that never comes: 413 at once, not a wait for the body. */
    @ParameterizedTest(name = "Expect: {0}")
    @ValueSource(strings = {"", "100-continue"})
    void announcedOversizeBodyThatNeverArrivesIsRefusedAtOnce(String expect) throws IOException {
        String token = TOKENS.valid("APPLICANT");
        Response response = send("POST /api/applications HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + (expect.isEmpty() ? "" : "Expect: " + expect + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"status\":413");
    }

    /** Paths the firewall refuses: 400 problem+json, nothing reaches a service. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/api/applications/../../actuator/env",
        "/swagger-ui/..;/actuator/env",
        "/api/calls/..;/admin/replays",
        "/api/applications/%00",
        "/api/applications/..%2f..%2factuator%2fenv",
        "/actuator/prometheus;x=y"})
    void oddPathsAreRefusedWithAProblem(String path) throws IOException {
        String requestId = java.util.UUID.randomUUID().toString();
        Response response = send("GET " + path + " HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: " + requestId
                + "\r\nAuthorization: Bearer " + TOKENS.valid("ADMIN") + "\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:tsbase:problem:request-rejected\"", "\"status\":400",
                "请求被拒绝");
        SERVICES.values().forEach(service -> assertThat(service.withRequestId(requestId)).isEmpty());
    }

    /** Methods other than the standard ones (the firewall's list): 405 problem+json. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TRACE", "FOO", "get", "PROPFIND", "M-SEARCH"})
    void unknownMethodsAreRefusedWithAProblem(String method) throws IOException {
        Response response = send(method + " /api/calls HTTP/1.1\r\nHost: gateway\r\nAccept-Language: en\r\n"
                + "Authorization: Bearer " + TOKENS.valid("APPLICANT") + "\r\n\r\n");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:tsbase:problem:method-not-allowed\"",
                "\"title\":\"Method not allowed\"");
    }

    /** What Netty's HTTP decoder refuses before WebFlux sees a request: still problem+json. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            a 20 kB URL                 | 414
            a 20 kB header              | 431
            two different Content-Length | 400
            a bare CR in a header value | 400
            a space in a header name    | 400
            """)
    void requestsTheDecoderRefusesGetAProblem(String kind, int status) throws IOException {
        String head = switch (kind) {
            case "a 20 kB URL" -> "GET /api/calls?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: gateway\r\n";
            case "a 20 kB header" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX-Big: " + "a".repeat(20_000) + "\r\n";
            case "two different Content-Length" ->
                    "POST /api/calls HTTP/1.1\r\nHost: gateway\r\nContent-Length: 2\r\nContent-Length: 3\r\n";
            case "a bare CR in a header value" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX-Odd: a\rb\r\n";
            case "a space in a header name" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX Odd: a\r\n";
            default -> throw new IllegalArgumentException(kind);
        };
        Response response = send(head + "\r\n{}");

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, "\"type\":\"urn:tsbase:problem:");
    }

    /** The rest of the malformed requests of the hostile corpus: whatever the status, a problem. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bare LF", "NUL in a header", "obsolete folding", "two Host headers", "bad chunk size",
        "unknown transfer coding", "Content-Length with chunked", "%zz", "//actuator//prometheus",
        "%2e%2e", "CONNECT"})
    void otherMalformedRequestsGetAProblem(String kind) throws IOException {
        String token = "Authorization: Bearer " + TOKENS.valid("ADMIN") + "\r\n";
        String request = switch (kind) {
            case "bare LF" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: abc\nSet-Cookie: x=1\r\n\r\n";
            case "NUL in a header" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: abc\0def\r\n\r\n";
            case "obsolete folding" -> "GET /api/calls HTTP/1.1\r\nHost: gateway\r\nX-Folded: a\r\n b\r\n\r\n";
            case "two Host headers" -> "GET /api/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n";
            case "bad chunk size" -> "POST /api/admin/replays HTTP/1.1\r\nHost: gateway\r\n" + token
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
            case "unknown transfer coding" -> "POST /api/admin/replays HTTP/1.1\r\nHost: gateway\r\n" + token
                    + "Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n{}";
            case "Content-Length with chunked" -> "POST /api/admin/replays HTTP/1.1\r\nHost: gateway\r\n" + token
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n{}\r\n0\r\n\r\n";
            case "%zz" -> "GET /api/applications/%zz HTTP/1.1\r\nHost: gateway\r\n" + token + "\r\n";
            case "//actuator//prometheus" -> "GET //actuator//prometheus HTTP/1.1\r\nHost: gateway\r\n" + token + "\r\n";
            case "%2e%2e" -> "GET /api/applications/%2e%2e/%2e%2e/actuator/prometheus HTTP/1.1\r\nHost: gateway\r\n"
                    + token + "\r\n";
            case "CONNECT" -> "CONNECT gateway:443 HTTP/1.1\r\nHost: gateway\r\n" + token + "\r\n";
            default -> throw new IllegalArgumentException(kind);
        };
        Response response = send(request);

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    record Response(int status, String head, String body) {

        String contentType() {
            return header("content-type");
        }

        String header(String name) {
            return head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * Writes the request and reads one response (its head and a Content-Length body); a response
     * that does not come within 10 s fails the test. A {@code 100 Continue} interim response is skipped.
     */
    Response send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                String head = readHead(in);
                while (head.startsWith("HTTP/1.1 100")) {
                    head = readHead(in);
                }
                Response response = new Response(Integer.parseInt(head.substring(9, 12)), head, "");
                String length = response.header("content-length");
                byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
                return new Response(response.status(), head, new String(body, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 10 s to " + request.lines().findFirst().orElse(""), e);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed without a complete response: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
