package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    /** What the stand-in gateway received. */
    record Received(String method, String path, String authorization, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    /** Statuses answered first, one a request, before {@link #statusByPath}. */
    private final Map<String, java.util.Deque<Integer>> firstStatusesByPath = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private HttpServer gateway;

    @BeforeEach
    void standInGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                requestBody.length == 0 ? null : Json.MAPPER.readTree(requestBody)));
        java.util.Deque<Integer> first = firstStatusesByPath.get(path);
        Integer next = first == null ? null : first.poll();
        int status = next != null ? next : statusByPath.getOrDefault(path, 201);
        String body = status >= 400
                ? "{\"type\":\"about:blank\",\"title\":\"Rejected\",\"status\":" + status + ",\"detail\":\"13800005678\"}"
                : path.equals("/api/applications") ? "{\"id\":\"app-42\",\"status\":\"DRAFT\"}" : "{}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private DemoData demoData() {
        URI url = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        return new DemoData(url, (role, org) -> "token-" + role + (role == Role.APPLICANT ? "-" + org : ""),
                new PrintStream(output, true, StandardCharsets.UTF_8), TODAY).retryPause(Duration.ofMillis(10));
    }

    private Received request(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + received));
    }

    @Test
    void theDemoFilesCreateTheCallAContactAndASubmittedPointApplication() {
        DemoData.Result result = demoData().loadAll();

        assertThat(result.failed()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(result.total()).isGreaterThanOrEqualTo(4);
        assertThat(received).extracting(r -> r.method() + " " + r.path()).containsSubsequence(
                "POST /api/calls",
                "POST /api/organizations/91110107MA01B2C34M/contacts",
                "POST /api/applications",
                "POST /api/applications/app-42/submit");

        Received call = request("POST", "/api/calls");
        assertThat(call.authorization()).isEqualTo("Bearer token-ADMIN");
        assertThat(call.body().path("year").asInt()).isEqualTo(2026);
        assertThat(call.body().path("applicationCloses").asText()).isEqualTo("2026-12-26");

        Received contact = request("POST", "/api/organizations/91110107MA01B2C34M/contacts");
        assertThat(contact.authorization()).isEqualTo("Bearer token-APPLICANT-91110107MA01B2C34M");
        assertThat(contact.body().fieldNames()).toIterable().contains("name", "department", "title", "officePhone",
                "mobilePhone", "email", "channels");
        assertThat(contact.body().path("channels").get(0).asText()).isEqualTo("EMAIL");

        Received draft = request("POST", "/api/applications");
        assertThat(draft.body().path("type").asText()).isEqualTo("POINT");
        assertThat(draft.body().at("/organization/creditCode").asText()).isEqualTo("91110107MA01B2C34M");
        assertThat(draft.body().at("/evidence/trainings/0/date").asText()).isEqualTo("2026-04-10");
        assertThat(draft.body().toString()).doesNotContain("${");
        assertThat(request("POST", "/api/applications/app-42/submit").authorization())
                .isEqualTo("Bearer token-APPLICANT-91110107MA01B2C34M");
    }

    @Test
    void aFailedRequestIsNamedItsDependentsSkippedAndNothingThrown() {
        statusByPath.put("/api/applications", 422);

        DemoData.Result result = demoData().loadAll();

        assertThat(result.failed()).containsExactly("demo-point-draft", "demo-point-submit");
        assertThat(received).noneMatch(r -> r.path().endsWith("/submit"));
        String warnings = output.toString(StandardCharsets.UTF_8);
        assertThat(warnings)
                .contains("WARNING: demo request 'demo-point-draft' (POST /api/applications) failed: HTTP 422 Rejected")
                .contains("'demo-point-submit'").contains("skipped")
                .doesNotContain("13800005678");
        assertThat(result.summary()).contains("not done: demo-point-draft, demo-point-submit");
    }

    /** 附件6: a submission refused (422) until application-service has read the contact just registered is asked again. */
    @Test
    void theSubmissionIsAskedAgainWhileTheContactIsOnItsWay() {
        firstStatusesByPath.put("/api/applications/app-42/submit", new java.util.ArrayDeque<>(List.of(422, 422)));
        DemoData.Result result = demoData().loadAll();
        assertThat(result.failed()).isEmpty();
        assertThat(received.stream().filter(r -> r.path().equals("/api/applications/app-42/submit")).count())
                .isEqualTo(3);
    }

    @Test
    void anExistingCallCountsAsDone() {
        statusByPath.put("/api/calls", 409);

        assertThat(demoData().loadAll().failed()).isEmpty();
    }

    @Test
    void aGatewayThatIsNotThereIsAWarningNotAFailure() {
        gateway.stop(0);

        DemoData.Result result = demoData().loadAll();

        assertThat(result.succeeded()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("'demo-call'");
    }

    @Test
    void placeholders() {
        DemoData data = demoData();

        assertThat(data.resolve("${today}|${today+30}|${today-200}|${year}|${demoOrg}"))
                .isEqualTo("2026-11-26|2026-12-26|2026-05-10|2026|91110107MA01B2C34M");
        assertThat(data.resolve("no placeholder")).isEqualTo("no placeholder");
    }
}
