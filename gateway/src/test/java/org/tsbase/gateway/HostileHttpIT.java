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
