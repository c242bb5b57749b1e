package org.tsbase.gateway;

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

    /**
     * The hostile corpus entries (system-tests, protocol.yaml and sizes.yaml) whose answer the gateway gives itself,
     * written as the corpus writes them (its RawHttp: the headers as given, then Host, Content-Length and
     * {@code Connection: close}): each is one of the corpus' statuses with a problem+json body, and none reaches a
     * service.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            an odd path: /api/applications/é        | 400
            an odd path: /API/CALLS                  | 404
            a declared Content-Length of 2^63        | 400, 413
            a negative Content-Length                | 400
            300 headers                              | 400, 431
            """)
    void corpusRequestsTheGatewayAnswersItselfGetAProblem(String kind, String statuses) throws IOException {
        String requestId = java.util.UUID.randomUUID().toString();
        String admin = "Authorization: Bearer " + TOKENS.valid("ADMIN") + "\r\nX-Request-Id: " + requestId + "\r\n";
        String applicant = "Authorization: Bearer " + TOKENS.valid("APPLICANT") + "\r\nX-Request-Id: " + requestId
                + "\r\n";
        String replay = "{\"dryRun\":true}";
        String request = switch (kind) {
            // the corpus sends the path's UTF-8 bytes as they are
            case "an odd path: /api/applications/é" -> "GET " + latin1Of("/api/applications/é") + " HTTP/1.1\r\n"
                    + applicant + "Host: gateway\r\nConnection: close\r\n\r\n";
            case "an odd path: /API/CALLS" -> "GET /API/CALLS HTTP/1.1\r\n" + applicant
                    + "Host: gateway\r\nConnection: close\r\n\r\n";
            case "a declared Content-Length of 2^63" -> "POST /api/admin/replays HTTP/1.1\r\n"
                    + "Content-Length: 9223372036854775808\r\n" + admin
                    + "Content-Type: application/json\r\nHost: gateway\r\nConnection: close\r\n\r\n" + replay;
            case "a negative Content-Length" -> "POST /api/admin/replays HTTP/1.1\r\nContent-Length: -1\r\n" + admin
                    + "Content-Type: application/json\r\nHost: gateway\r\nConnection: close\r\n\r\n" + replay;
            case "300 headers" -> "GET /api/calls HTTP/1.1\r\n" + applicant
                    + java.util.stream.IntStream.range(0, 300).mapToObj(i -> "X-H" + i + ": " + "v".repeat(100) + "\r\n")
                            .collect(java.util.stream.Collectors.joining())
                    + "Host: gateway\r\nConnection: close\r\n\r\n";
            default -> throw new IllegalArgumentException(kind);
        };
        Response response = send(request);

        java.util.List<Integer> expected = java.util.Arrays.stream(statuses.split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        assertThat(response.status()).isIn(expected);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + response.status(), "\"type\":\"urn:tsbase:problem:",
                "\"title\":\"");
        SERVICES.values().forEach(service -> assertThat(service.withRequestId(requestId)).isEmpty());
    }

    /**
     * The corpus' PATCH on the calls: a standard method the gateway neither refuses nor answers itself; it goes to
     * the service, which answers for its own paths (405 problem+json there).
     */
    @org.junit.jupiter.api.Test
    void patchIsTheServicesToAnswer() throws IOException {
        String requestId = java.util.UUID.randomUUID().toString();
        Response response = send("PATCH /api/calls HTTP/1.1\r\nAuthorization: Bearer " + TOKENS.valid("APPLICANT")
                + "\r\nX-Request-Id: " + requestId + "\r\nHost: gateway\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200); // the stub's answer
        assertThat(service("application").withRequestId(requestId))
                .hasValueSatisfying(received -> assertThat(received.method()).isEqualTo("PATCH"));
    }

    /**
     * A body streams through the gateway: the service has the request while the client is still sending its body.
     * Spring Cloud Gateway reads and holds a route's whole body first when it caches bodies (which a circuit
     * breaker with a {@code fallbackUri} switches on for every route, as the default filter had one): then nothing
     * arrived before the end, and this test failed.
     */
    @org.junit.jupiter.api.Test
    void bodyIsForwardedWhileItIsStillArriving() throws Exception {
        String requestId = java.util.UUID.randomUUID().toString();
        byte[] half = ("{\"filler\":\"" + "x".repeat(2_000)).getBytes(StandardCharsets.US_ASCII);
        byte[] rest = ("x".repeat(2_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/applications HTTP/1.1\r\nHost: gateway\r\nX-Request-Id: " + requestId
                    + "\r\nAuthorization: Bearer " + TOKENS.valid("APPLICANT")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (half.length + rest.length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(half);
            out.flush();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> service("application").arrived(requestId));
            assertThat(service("application").withRequestId(requestId)).as("the body is not complete yet").isEmpty();

            out.write(rest);
            out.flush();
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 200");
        }
        assertThat(service("application").withRequestId(requestId))
                .hasValueSatisfying(received -> assertThat(received.bodyBytes()).isEqualTo(half.length + rest.length));
    }

    private static String latin1Of(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
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
}
