package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.awaitility.Awaitility;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.tsbase.events.ContactsChanged;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TopicProbe;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.MutableClock;
import org.tsbase.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context every IT of this module shares (same configuration → cached once): the service on a
 * random port against the embedded KRaft broker and mongo-java-server, a clock tests can fix, and small HTTP
 * helpers that talk to it as a client would.
 */
@SpringBootTest(classes = ApplicationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTestSupport.ClockConfiguration.class)
public abstract class IntegrationTestSupport {

    public static final String ORG = "91110107MA01B2C34M";
    public static final String ORG2 = "91110107MA04D5E63X";
    public static final String PARK = "91110107MA07F8G926";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "tsbase-applications-it");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected OutboxRelay relay;
    @Autowired
    protected MutableClock clock;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected static String bootstrap() {
        return TestInfrastructure.bootstrapServers();
    }

    protected static String admin() {
        return TestTokens.token("ADMIN", null);
    }

    protected static String district() {
        return TestTokens.token("DISTRICT_REVIEWER", null);
    }

    protected static String city() {
        return TestTokens.token("CITY_REVIEWER", null);
    }

    protected static String applicant(String org) {
        return TestTokens.applicant(org);
    }

    /** A response with its body parsed when it is JSON. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String etag() {
            return header("ETag");
        }

        /** The text at a JSON pointer ({@code /score/total}), null when absent. */
        public String text(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        /** The {@code field}s of a problem's {@code errors[]}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }
    }

    protected Response send(String method, String path, String token, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    protected Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path, String token, String... headers) {
        return send("GET", path, token, null, headers);
    }

    protected Response post(String path, String token, String json, String... headers) {
        return send("POST", path, token, json, headers);
    }

    protected Response put(String path, String token, String json, String... headers) {
        return send("PUT", path, token, json, headers);
    }

    /** A multipart upload of one file as part {@code file}, optionally with a {@code kind} part. */
    protected Response upload(String path, String token, String fileName, String declaredType, byte[] content,
            String kind, String... headers) {
        String boundary = "----tsbase" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        if (kind != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind
                    + "\r\n").getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    protected HttpResponse<byte[]> download(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small but real-looking PDF. */
    protected static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    protected static byte[] png() {
        return java.util.HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");
    }

    protected static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call that is open now, with the 2023 quotas and rubrics; ids are unique per test. */
    protected String openCall() {
        String callId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = post("/api/calls", admin(), TestForms.call(callId, TestForms.today().minusDays(10),
                TestForms.today().plusDays(10)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return callId;
    }

    private static final java.util.Set<String> WITH_CONTACTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Registers a contact person (附件6) of {@code org} as contact-service would publish it, on the contact topic,
     * and waits until this service knows it: submission requires one.
     */
    protected void contactsOf(String org) {
        if (WITH_CONTACTS.contains(org)) {
            return;
        }
        TopicProbe.sendEvent(bootstrap(), Topics.CONTACTS, org,
                EventTypes.CONTACTS_CHANGED, UUID.randomUUID().toString(),
                new ContactsChanged(org, List.of(new ContactsChanged.Contact("c-1",
                        "周联络", "zhou@example.com", "13812345678", List.of("EMAIL", "SMS"))), 1, java.time.Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(
                Query.query(Criteria.where("_id").is(org)), "organization-contacts"));
        WITH_CONTACTS.add(org);
    }

    /** ADMIN opens the review of {@code callId} now (its scheduled review lies after its window), with a reason. */
    protected void reviewOpen(String callId) {
        Response r = post("/api/calls/" + callId + "/reopen-review", admin(),
                "{\"reason\": \"测试：提前审核\", \"until\": \"" + TestForms.today().plusDays(30) + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** A complete POINT draft of {@code org} in {@code callId}; returns its id. */
    protected String pointDraft(String callId, String org) {
        contactsOf(org);
        Response r = post("/api/applications", applicant(org), TestForms.point(callId, org));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("/id");
    }

    protected Response submit(String id, String org) {
        contactsOf(org);
        return post("/api/applications/" + id + "/submit", applicant(org), null);
    }

    /** An application submitted by {@code org}; returns its id. */
    protected String submitted(String callId, String org) {
        String id = pointDraft(callId, org);
        Response r = submit(id, org);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    /** Organisation codes that no other test uses, so that "one application per organisation" never collides. */
    protected static String freshOrg() {
        return TestForms.freshCreditCode();
    }
}
