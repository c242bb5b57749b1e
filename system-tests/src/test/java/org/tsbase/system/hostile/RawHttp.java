package org.tsbase.system.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one request per connection. A hostile client is not a well-behaved library: this one
 * sends exactly the bytes it is given (CR and LF in header values, unknown methods, NUL bytes, lying lengths), and
 * gives up after a bounded time, so a server that hangs fails the test instead of stalling it.
 */
public final class RawHttp {

    public static final Duration TIMEOUT = Duration.ofSeconds(25);

    /** What came back; {@code status} -1 when the server closed the connection without an answer. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body, String failure) {

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        public boolean hasHeader(String name) {
            return header(name).isPresent();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /**
     * @param headers name and value pairs in order, sent as given; {@code Host}, {@code Content-Length} (when there
     *                is a body and neither it nor {@code Transfer-Encoding} is given) and {@code Connection: close}
     *                are added
     */
    public static Response send(String baseUrl, String method, String target, List<Map.Entry<String, String>> headers,
            byte[] body) {
        URI base = URI.create(baseUrl);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, method + " " + target + " HTTP/1.1\r\n");
            boolean hasHost = false;
            boolean hasLength = false;
            for (Map.Entry<String, String> h : headers) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                hasHost |= name.equals("host");
                hasLength |= name.equals("content-length") || name.equals("transfer-encoding");
                write(head, h.getKey() + ": " + h.getValue() + "\r\n");
            }
            if (!hasHost) {
                write(head, "Host: " + base.getHost() + ":" + base.getPort() + "\r\n");
            }
            if (body != null && !hasLength) {
                write(head, "Content-Length: " + body.length + "\r\n");
            }
            write(head, "Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413) and close before it read everything: read what it said
                }
            }
            out.flush();
            return read(socket.getInputStream(), method, deadline);
        } catch (SocketTimeoutException e) {
            return new Response(-1, List.of(), new byte[0], "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Response(-1, List.of(), new byte[0], e.toString());
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Response read(InputStream raw, String method, long deadline) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw);
        String statusLine = line(in);
        while (statusLine != null && statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*")) {
            // an interim answer (100 Continue): its header block, then the real one
            for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
                // skipped
            }
            statusLine = line(in);
        }
        if (statusLine == null) {
            return new Response(-1, List.of(), new byte[0], "connection closed without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.add(Map.entry(colon < 0 ? l : l.substring(0, colon).trim(), colon < 0 ? "" : l.substring(colon + 1).trim()));
        }
        Response r = new Response(status, headers, new byte[0], null);
        if (method.equalsIgnoreCase("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            return r;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Optional<String> length = r.header("Content-Length");
        if (r.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            while (true) {
                String size = line(in);
                if (size == null) {
                    break;
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                body.writeBytes(in.readNBytes(n));
                line(in);
                checkDeadline(deadline);
            }
        } else if (length.isPresent()) {
            body.writeBytes(in.readNBytes(Integer.parseInt(length.get())));
        } else {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                body.write(buf, 0, n);
                checkDeadline(deadline);
            }
        }
        return new Response(status, headers, body.toByteArray(), null);
    }

    private static void checkDeadline(long deadline) throws SocketTimeoutException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
