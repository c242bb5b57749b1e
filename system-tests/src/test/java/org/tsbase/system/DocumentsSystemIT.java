package org.tsbase.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tsbase.localstack.LocalStack;
import org.tsbase.localstack.Role;

/**
 * The documents for the office and the city through the gateway, on the demo data of {@code ./tsbase up}: the
 * Accept header reaches the services, the dossier streams through whole with the score sheets that
 * application-service fetched from the real scoring-service, and an applicant gets none of it.
 */
@ExtendWith(SharedStack.class)
class DocumentsSystemIT {

    /** The demo's 2023 call: its history is seeded with a recommended point and accepted ones. */
    static final String DEMO_CALL = "sjs-2023";

    static LocalStack stack;
    static GatewayClient gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void useTheSharedStack() {
        stack = SharedStack.local();
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    HttpResponse<byte[]> bytes(String path, String token, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anOfficerPrintsAFormAScoreSheetTheListAndDownloadsTheDossierThroughTheGateway() throws Exception {
        String officer = stack.token(Role.DISTRICT_REVIEWER, null);
        // the demo's recommended applications, once the demo has brought them there
        JsonNode[] recommended = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            recommended[0] = gateway.get("/api/applications?callId=" + DEMO_CALL + "&status=RECOMMENDED&size=100",
                    officer).json();
            assertThat(recommended[0].path("items").size()).isPositive();
        });
        JsonNode first = recommended[0].path("items").get(0);
        String id = first.path("id").asText();

        HttpResponse<byte[]> form = bytes("/api/applications/" + id, officer, "application/pdf");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(form.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        HttpResponse<byte[]> sheet = bytes("/api/scores/" + id, officer, "application/pdf");
        assertThat(sheet.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> list = bytes("/api/rankings?callId=" + DEMO_CALL, officer,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new String(list.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");

        HttpResponse<byte[]> dossier = bytes("/api/calls/" + DEMO_CALL + "/dossier?status=RECOMMENDED", officer,
                "application/zip");
        assertThat(dossier.statusCode()).isEqualTo(200);
        Map<String, byte[]> entries = unzip(dossier.body());
        JsonNode manifest = GatewayClient.JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest.path("problems").size()).as(manifest.path("problems").toString()).isZero();
        assertThat(manifest.path("applications").size()).isEqualTo(recommended[0].path("items").size());
        assertThat(entries).containsKey("00_推荐汇总表.xlsx");
        for (JsonNode a : manifest.path("applications")) {
            String folder = a.path("folder").asText();
            assertThat(entries).containsKeys(folder + "申报表.pdf", folder + "评分表.pdf");
        }
        for (JsonNode e : manifest.path("entries")) {
            assertThat(sha256(entries.get(e.path("path").asText()))).isEqualTo(e.path("sha256").asText());
        }
    }

    @Test
    void anApplicantGetsNoDossierNoScoreSheetAndNoList() throws Exception {
        String applicant = stack.token(Role.APPLICANT, "91110107MA01B2C34M");
        assertThat(bytes("/api/calls/" + DEMO_CALL + "/dossier", applicant, "application/zip").statusCode())
                .isEqualTo(403);
        assertThat(bytes("/api/rankings?callId=" + DEMO_CALL, applicant, "text/csv").statusCode()).isEqualTo(403);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
