package org.tsbase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one service: records what reaches it and answers like a service would (health
 * UP, an OpenAPI document, JSON for anything else, a problem+json for paths ending in
 * {@code /conflict}). Can be stopped and started again on the same port, made slow, made to
 * hold every request until released (to keep a known number of requests in flight), or made to drop
 * connections without an answer.
 */
final class StubService {

    /** What one request looked like when it arrived (header names lower case). */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, long bodyBytes) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    static final String CONFLICT_BODY = """
            {"type":"urn:tsbase:problem:version-conflict","title":"版本冲突","status":409,"detail":"申报书已被修改"}""";

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> arrivedRequestIds = new CopyOnWriteArrayList<>();
    private volatile boolean dropConnections;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger holding = new AtomicInteger();
    private volatile HttpServer server;
    private int port;

    private StubService(String name) {
        this.name = name;
    }

    static StubService start(String name) {
        StubService stub = new StubService(name);
        stub.bind(0);
        return stub;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Requests that reached this service, excluding health checks. */
    List<Received> received() {
        return received.stream().filter(r -> !r.pathAndQuery().startsWith("/actuator/health")).toList();
    }

    /** The request the gateway forwarded with this {@code X-Request-Id}, if it arrived. */
    Optional<Received> withRequestId(String requestId) {
        return received().stream().filter(r -> r.header("X-Request-Id").filter(requestId::equals).isPresent()).findFirst();
    }

    /**
     * Whether a request with this {@code X-Request-Id} has arrived, counted as soon as its head is here (before its
     * body is read, unlike {@link #received()}).
     */
    boolean arrived(String requestId) {
        return arrivedRequestIds.contains(requestId);
    }

    /** From now on (until called with false) the connection of every request but health checks is closed unanswered. */
    void dropConnections(boolean drop) {
        this.dropConnections = drop;
    }

    void slowDown(Duration delay) {
        this.delay = delay;
    }

    /** From now on every request (but health checks) waits until {@link #release()}. */
    void holdRequests() {
        held = new CountDownLatch(1);
    }

    /** How many requests are waiting in {@link #holdRequests()} right now. */
    int holding() {
        return holding.get();
    }

    /** Lets every held request (and every later one) be answered. */
    void release() {
        held.countDown();
    }

    void stop() {
        server.stop(0);
    }

    void startAgain() {
        bind(port);
    }

    private void bind(int wantedPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 50);
            http.setExecutor(executor);
            http.createContext("/", this::handle);
            http.start();
            port = http.getAddress().getPort();
            server = http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String arrivedId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (arrivedId != null) {
                arrivedRequestIds.add(arrivedId);
            }
            if (dropConnections && !exchange.getRequestURI().getRawPath().startsWith("/actuator/health")) {
                return; // closing the exchange before any response header closes the connection unanswered
            }
            long bodyBytes;
            try (InputStream body = exchange.getRequestBody()) {
                bodyBytes = body.transferTo(OutputStream.nullOutputStream());
            }
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() != null ? "?" + exchange.getRequestURI().getRawQuery() : "");
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue())));
            received.add(new Received(exchange.getRequestMethod(), pathAndQuery, headers, bodyBytes));
            if (pathAndQuery.startsWith("/actuator/health")) {
                respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
                return;
            }
            pause();
            awaitRelease();
            if (pathAndQuery.startsWith("/v3/api-docs")) {
                respond(exchange, 200, "application/json",
                        "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "-service\",\"version\":\"v1\"},"
                                + "\"servers\":[{\"url\":\"" + baseUrl() + "\"}],\"paths\":{}}");
            } else if (pathAndQuery.endsWith("/conflict")) {
                respond(exchange, 409, "application/problem+json", CONFLICT_BODY);
            } else {
                respond(exchange, 200, "application/json",
                        "{\"service\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI().getRawPath() + "\"}");
            }
        }
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis()); // the stub plays a slow service; tests themselves never sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitRelease() {
        CountDownLatch gate = held;
        if (gate.getCount() == 0) {
            return;
        }
        holding.incrementAndGet();
        try {
            gate.await(60, TimeUnit.SECONDS); // bounded, so that a failed test cannot hang the build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding.decrementAndGet();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
