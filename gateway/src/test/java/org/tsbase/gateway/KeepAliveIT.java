package org.tsbase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive connection keeps working after requests that overlap on it: the next request
 * arrives while the previous one (proxied, so answered later) is still running. Reactor Netty
 * 1.3.6 stopped reading such a connection and the client hung (reactor/reactor-netty#4361).
 */
class KeepAliveIT extends GatewayITSupport {

    @Test
    void connectionStillAnswersAfterOverlappingRequests() throws IOException {
        String token = TOKENS.valid("APPLICANT");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            // a proxied request (answered later) with a quick one right behind it, in one write
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(("GET /api/calls HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + token + "\r\n\r\n"
                    + "GET /swagger-ui.html HTTP/1.1\r\nHost: gateway\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readStatus(in)).isEqualTo(200);
            assertThat(readStatus(in)).isEqualTo(302);

            out.write("GET /swagger-ui.html HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readStatus(in)).as("third request on the same connection").isEqualTo(302);
        }
    }

    /** Reads one response (status line, headers, Content-Length body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        long length = head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElse(0);
        in.readNBytes((int) length);
        return status;
    }
}
