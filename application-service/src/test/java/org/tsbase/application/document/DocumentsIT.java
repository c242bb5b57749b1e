package org.tsbase.application.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.application.IntegrationTestSupport;
import org.tsbase.application.TestForms;
import org.tsbase.application.intake.Application;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The documents of application-service read back as their readers get them: the form PDF's text (PDFBox) has the
 * organisation, its credit code, every evidence answer in words, the attachments' hashes and the footer; another
 * organisation's form is 404; the dossier ZIP has a folder per application, scoring-service's documents fetched with
 * the caller's token (here from a stand-in HTTP server on the loopback), attachments and a manifest whose hashes
 * match; an applicant cannot download it.
 */
class DocumentsIT extends IntegrationTestSupport {

    static final HttpServer SCORING = scoringStandIn();
    static final List<String> SEEN_AUTHORIZATION = new CopyOnWriteArrayList<>();
    static volatile boolean scoringDown;
    static final byte[] SHEET = "%PDF-1.4 score sheet".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RANKING = "PK ranking".getBytes(StandardCharsets.US_ASCII);
    static final Properties LABELS = labels();

    /** A context of its own: this service talks to the stand-in as its scoring-service. */
    @DynamicPropertySource
    static void scoringUrl(DynamicPropertyRegistry registry) {
        registry.add("tsbase.services.scoring-url", () -> "http://127.0.0.1:" + SCORING.getAddress().getPort());
    }

    static HttpServer scoringStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/", exchange -> {
                SEEN_AUTHORIZATION.add(exchange.getRequestHeaders().getFirst("Authorization"));
                boolean sheet = exchange.getRequestURI().getPath().startsWith("/api/scores/");
                byte[] body = sheet ? SHEET : RANKING;
                int status = scoringDown && sheet ? 503 : 200;
                exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
                if (status == 200) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopStandIn() {
        SCORING.stop(0);
    }

    static Properties labels() {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(DocumentsIT.class.getResourceAsStream("/messages.properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    HttpResponse<byte[]> bytes(String path, String token, String accept) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // lines joined: a table cell wraps long text, and Chinese has no spaces to lose
            return new PDFTextStripper().getText(doc).replace("\r", "").replace("\n", "");
        }
    }

    /** A submitted POINT application with a ledger attached; returns its id. */
    String submittedWithLedger(String callId, String org) {
        String id = pointDraft(callId, org);
        Response up = upload("/api/applications/" + id + "/attachments", applicant(org), "培训台账.pdf",
                "application/pdf", pdf(), "LEDGER");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        Response s = submit(id, org);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return id;
    }

    /** Recommended by the district, as the record says (how it got there is WorkflowIT's story). */
    void recommended(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update()
                .set("status", "RECOMMENDED")
                .set("districtOpinion", new org.bson.Document("positive", true).append("text", "组织机构健全，同意推荐。")
                        .append("by", "district_reviewer-user")
                        .append("at", java.util.Date.from(Instant.parse("2026-08-10T02:00:00Z")))), Application.class);
    }

    @Test
    void theFormPdfHasEveryFieldEveryEvidenceAnswerInWordsTheAttachmentsAndAFooterNamingTheRecord() throws Exception {
        String callId = openCall();
        String org = freshOrg();
        String id = submittedWithLedger(callId, org);
        HttpResponse<byte[]> r = bytes("/api/applications/" + id, applicant(org), "application/pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String hash = r.headers().firstValue("X-Content-SHA256").orElseThrow();
        keep("form-point.pdf", r.body());
        String text = text(r.body());
        JsonNode json = get("/api/applications/" + id, applicant(org)).json();

        assertThat(text).contains("附件2", "北京市商业秘密保护示范基地（示范点）", "申报表", "北京石景山示范科技有限公司", org,
                "王示范", "北京市石景山区示范路1号", "100043", "有限责任公司", "软件和信息技术服务业", "12000 万元", "180 人",
                "李示范", "商业秘密保护专员", "13812345678", "公司设立商业秘密保护工作领导小组，由总经理任组长。",
                "申报企业意见", "（已加盖单位公章）", "区市场监管局推荐意见", "市局验收意见");
        assertEveryEvidenceAnswer(text, json.get("evidence"), "evidence", "PointEvidence");
        assertThat(text).contains("培训台账.pdf", "台账", sha256(pdf()));
        assertThat(text).contains("申报编号 " + id, "版本 " + json.get("version").asLong(), "内容 SHA-256 " + hash);
        assertThat(text).doesNotContain("草稿", "leadershipBody", "PERSONNEL");
        // the contacts of 附件6 as of submission
        JsonNode contact = json.get("contactsAtSubmission").get(0);
        assertThat(text).contains("工作联络人信息表（附件6，提交时）", contact.get("name").asString(),
                contact.get("department").asString(), contact.get("mobilePhone").asString());

        // the same version prints the same hash for a reviewer, whose copy masks the phone
        HttpResponse<byte[]> reviewers = bytes("/api/applications/" + id, district(), "application/pdf");
        assertThat(reviewers.headers().firstValue("X-Content-SHA256")).hasValue(hash);
        assertThat(text(reviewers.body())).contains("138****5678").doesNotContain("13812345678")
                .contains(contact.get("name").asString());
    }

    void assertEveryEvidenceAnswer(String text, JsonNode node, String path, String owner) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String p = path + "." + field.getKey();
            JsonNode v = field.getValue();
            if (v.isObject()) {
                assertEveryEvidenceAnswer(text, v, p, owner);
                continue;
            }
            assertThat(text).as("label of %s", p).contains(label(p));
            if (v.isArray()) {
                for (JsonNode element : v) {
                    if (element.isObject()) {
                        for (Map.Entry<String, JsonNode> f : element.properties()) {
                            assertThat(text).contains(label(p + "." + f.getKey()) + "：" + answer(f.getValue()));
                        }
                    } else {
                        String kind = p.endsWith("mechanisms") ? "Mechanism" : "PlanItem";
                        String word = LABELS.getProperty("doc." + owner + "." + kind + "." + element.asString());
                        assertThat(word).as("words for %s", element).isNotNull();
                        assertThat(text).contains(word);
                    }
                }
            } else {
                assertThat(text).as("answer of %s", p).contains(label(p) + " " + answer(v));
            }
        }
    }

    static String label(String path) {
        return LABELS.getProperty("field." + path);
    }

    static String answer(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean() ? "是" : "否";
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (v.isNull()) {
            return "（未填写）";
        }
        String s = v.asString();
        if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return DateTimeFormatter.ofPattern("yyyy年M月d日").format(LocalDate.parse(s));
        }
        return s;
    }

    @Test
    void theApplicantsFormShowsTheScoreOnceTheResultsArePublishedAReviewersAlways() throws Exception {
        String callId = openCall();
        String org = freshOrg();
        String id = submittedWithLedger(callId, org);
        long version = get("/api/applications/" + id, admin()).json().path("version").asLong();
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                new ScoreComputed(id, callId, ApplicationType.POINT, org, "北京石景山示范科技有限公司", version,
                        "sjs-point-2023", 1, new BigDecimal("85.50"), new BigDecimal("8.00"), new BigDecimal("93.50"),
                        true, List.of(), "SUBMISSION", 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/applications/" + id, admin()).text("/score/total") != null);

        assertThat(text(bytes("/api/applications/" + id, district(), "application/pdf").body()))
                .contains("评分结果", "总分 93.5（基础分 85.5 + 加分 8）", "合格");
        assertThat(text(bytes("/api/applications/" + id, applicant(org), "application/pdf").body()))
                .doesNotContain("评分结果", "93.5");
        Response published = post("/api/calls/" + callId + "/results-published", admin(), null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(text(bytes("/api/applications/" + id, applicant(org), "application/pdf").body()))
                .contains("总分 93.5（基础分 85.5 + 加分 8）");
    }

    @Test
    void aZoneFormIsTheFormOfAttachment3AndADraftCarriesTheDraftWatermark() throws Exception {
        String callId = openCall();
        String park = freshOrg();
        Response draft = post("/api/applications", applicant(park), TestForms.zone(callId, park));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String id = draft.text("/id");
        HttpResponse<byte[]> r = bytes("/api/applications/" + id, applicant(park), "application/pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        keep("form-zone-draft.pdf", r.body());
        String text = text(r.body());
        assertThat(text).contains("附件3", "北京市商业秘密保护示范基地（示范区）", "石景山数字创新产业园", park, "钱园长",
                "科技企业孵化器", "120 家", "560000 万元", "符合商业秘密示范点标准企业数", "3 家",
                "园区内开展商业秘密保护企业占比", "33.3%（40/120 家）", "园区管理部门申报意见", "提交时间 未提交", "草稿",
                "尚未提交：联络人名单在提交时记录。");
        assertEveryEvidenceAnswer(text, get("/api/applications/" + id, applicant(park)).json().get("evidence"),
                "evidence", "ZoneEvidence");
    }

    @Test
    void anotherOrganisationsFormIs404AndOtherAcceptsStillGetJson() throws Exception {
        String callId = openCall();
        String org = freshOrg();
        String id = pointDraft(callId, org);
        HttpResponse<byte[]> other = bytes("/api/applications/" + id, applicant(freshOrg()), "application/pdf");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(new String(other.body(), StandardCharsets.UTF_8)).contains("申报不存在");
        assertThat(bytes("/api/applications/" + id, applicant(org), "*/*").headers().firstValue("Content-Type")
                .orElseThrow()).startsWith("application/json");
        assertThat(bytes("/api/applications/" + id, applicant(org), "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aReviewerDownloadsTheDossierWithAFolderPerApplicationAndAManifestWhoseHashesMatch() throws Exception {
        String callId = openCall();
        String first = freshOrg();
        String second = freshOrg();
        String a = submittedWithLedger(callId, first);
        String b = submittedWithLedger(callId, second);
        String notRecommended = submitted(callId, freshOrg());
        recommended(a);
        recommended(b);
        SEEN_AUTHORIZATION.clear();
        String reviewer = district();

        HttpResponse<byte[]> r = bytes("/api/calls/" + callId + "/dossier?status=RECOMMENDED", reviewer,
                "application/zip");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        keep("dossier.zip", r.body());
        Map<String, byte[]> entries = unzip(r.body());
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));

        assertThat(entries).containsKey("00_推荐汇总表.xlsx");
        assertThat(entries.get("00_推荐汇总表.xlsx")).isEqualTo(RANKING);
        assertThat(manifest.get("applications")).hasSize(2);
        List<String> ids = new ArrayList<>();
        manifest.get("applications").forEach(x -> ids.add(x.get("applicationId").asString()));
        assertThat(ids).containsExactlyInAnyOrder(a, b).doesNotContain(notRecommended);
        for (JsonNode x : manifest.get("applications")) {
            String folder = x.get("folder").asString();
            assertThat(folder).matches("0[12]_北京石景山示范科技有限公司_示范点/");
            assertThat(text(entries.get(folder + "申报表.pdf"))).contains(x.get("creditCode").asString(),
                    "组织机构健全，同意推荐。");
            assertThat(entries.get(folder + "评分表.pdf")).isEqualTo(SHEET);
            assertThat(entries.get(folder + "附件/01_培训台账.pdf")).isEqualTo(pdf());
            assertThat(x.get("districtOpinion").get("recommended").asBoolean()).isTrue();
        }
        // every entry but the manifest is listed with its real hash and size
        assertThat(manifest.get("entries")).hasSize(entries.size() - 1);
        for (JsonNode e : manifest.get("entries")) {
            byte[] content = entries.get(e.get("path").asString());
            assertThat(content).as(e.get("path").asString()).isNotNull();
            assertThat(e.get("sha256").asString()).isEqualTo(sha256(content));
            assertThat(e.get("size").asLong()).isEqualTo(content.length);
        }
        assertThat(manifest.get("problems")).isEmpty();
        // the district's opinion beside scoring-service's list, for Excel (BOM) in Chinese
        byte[] opinions = entries.get("00_区局推荐意见.csv");
        assertThat(opinions).startsWith(0xEF, 0xBB, 0xBF);
        List<String> rows = new String(opinions, 3, opinions.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("序号,申报单位,统一社会信用代码,申报类型,状态,总分,区局推荐意见,意见内容,负责人,意见日期");
        assertThat(rows.get(1)).contains("北京石景山示范科技有限公司", "RECOMMENDED", ",推荐,组织机构健全，同意推荐。,district_reviewer-user,2026年8月10日");
        // scoring-service was asked with the reviewer's own token
        assertThat(SEEN_AUTHORIZATION).isNotEmpty().allMatch(("Bearer " + reviewer)::equals);
    }

    @Test
    void whenScoringServiceFailsTheDossierSaysSoAndStillHasTheForms() throws Exception {
        String callId = openCall();
        String id = submittedWithLedger(callId, freshOrg());
        recommended(id);
        scoringDown = true;
        try {
            HttpResponse<byte[]> r = bytes("/api/calls/" + callId + "/dossier", admin(), "*/*");
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, byte[]> entries = unzip(r.body());
            JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
            assertThat(entries.keySet()).anyMatch(k -> k.endsWith("/申报表.pdf")).noneMatch(k -> k.endsWith("/评分表.pdf"));
            assertThat(manifest.get("problems").toString()).contains("评分表.pdf 未能包含", "503");
        } finally {
            scoringDown = false;
        }
    }

    @Test
    void applicantsCannotDownloadADossierAndAnUnknownCallIs404() {
        String callId = openCall();
        assertThat(bytes("/api/calls/" + callId + "/dossier", applicant(freshOrg()), "application/zip").statusCode())
                .isEqualTo(403);
        assertThat(bytes("/api/calls/" + callId + "/dossier", city(), "application/zip").statusCode()).isEqualTo(403);
        assertThat(bytes("/api/calls/no-such-call/dossier", district(), "application/zip").statusCode())
                .isEqualTo(404);
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

    /** With -Dtsbase.documents.out=DIR the documents are kept there (the README's pictures are made from them). */
    static void keep(String name, byte[] bytes) throws IOException {
        String dir = System.getProperty("tsbase.documents.out");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), bytes);
        }
    }
}
