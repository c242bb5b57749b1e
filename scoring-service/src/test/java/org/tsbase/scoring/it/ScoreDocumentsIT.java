package org.tsbase.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.OrganizationFacts;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TestInfrastructure;
import org.tsbase.support.testing.TestTokens;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The documents of scoring read back as their readers get them: the score sheet PDF's text (PDFBox), 推荐汇总表 as
 * XLSX (POI: sheets, order, cell types, frozen header) and as CSV (BOM); reviewers only.
 */
// one ranking entry read at a time: every row of the exports crosses a page boundary of RankingRows
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tsbase.documents.ranking-page-size=1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreDocumentsIT {

    static final String CALL = "doc-call-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ORG_FIRST = "91110107MA01B2C34M";
    static final String ORG_SECOND = "91110107MA04D5E63X";
    static final String ORG_FAILED = "91110107MA07F8G926";
    static final String PARK = "91110107MA00000015";
    static final String ORG_TIE = "91110107MA0000001X";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    final String first = "doc-first-" + UUID.randomUUID();
    final String second = "doc-second-" + UUID.randomUUID();
    final String failed = "doc-failed-" + UUID.randomUUID();
    final String zone = "doc-zone-" + UUID.randomUUID();
    final String tie = "doc-tie-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "scoring-documents-it");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final String reviewer = TestTokens.token("DISTRICT_REVIEWER", null);

    @BeforeAll
    void scoredCall() throws Exception {
        TopicProbe.sendEvent(TestInfrastructure.bootstrapServers(), Topics.CALLS, CALL, EventTypes.CALL_UPSERTED,
                UUID.randomUUID().toString(), new CallUpserted(CALL, "文档测试批次", "石景山区", 2026,
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-30T15:59:59Z"),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1),
                        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30),
                        Map.of(ApplicationType.POINT, 1, ApplicationType.ZONE, 1),
                        Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                        new CallUpserted.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)), 1));
        Map<String, Object> lessPlanned = ScoringIT.fullPointEvidence();
        lessPlanned.put("annualPlan", Map.of("exists", true, "covers", List.of()));
        Instant now = Instant.now();
        submit(first, ApplicationType.POINT, new OrganizationFacts(ORG_FIRST, "北京京西智造有限公司", null, 60, null),
                ScoringIT.fullPointEvidence(), now.minusSeconds(50));
        submit(second, ApplicationType.POINT, new OrganizationFacts(ORG_SECOND, "北京西山新材料有限公司", null, 60, null),
                lessPlanned, now.minusSeconds(40));
        submit(failed, ApplicationType.POINT, new OrganizationFacts(ORG_FAILED, "北京未达标科技有限公司", null, 60, null),
                Map.of("liaisonDesignated", true), now.minusSeconds(30));
        submit(zone, ApplicationType.ZONE, new OrganizationFacts(PARK, "石景山数字创新产业园", null, null, 100),
                zoneEvidence(), now.minusSeconds(20));
        // the same points as second, submitted later: ranked after it by the last tie-break
        submit(tie, ApplicationType.POINT, new OrganizationFacts(ORG_TIE, "北京模式口科技有限公司", null, 60, null),
                lessPlanned, now.minusSeconds(10));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : List.of(first, second, failed, zone, tie)) {
                assertThat(get("/api/scores/" + id, reviewer, "application/json").statusCode()).isEqualTo(200);
                assertThat(json(get("/api/scores/" + id, reviewer, "application/json")).get("status").asString())
                        .isEqualTo("SCORED");
            }
        });
        var review = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scores/" + first + "/reviews"))
                .header("Authorization", "Bearer " + reviewer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"criteria\":[{\"id\":\"P6\",\"points\":24,\"comment\":\"培训台账缺少签到表\"}]}")).build();
        assertThat(http.send(review, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** A park that meets every 至少 of 附件5 (passes), declaring 2 point-standard enterprises. */
    static Map<String, Object> zoneEvidence() {
        Map<String, Object> e = new java.util.HashMap<>();
        e.put("enterprisesDoingProtection", 30);
        e.put("enterprisesMeetingPointStandard", 2);
        e.put("leadershipBody", Map.of("established", true, "includesEnterprises", true));
        e.put("office", Map.of("established", true, "dutiesDefined", true));
        e.put("partTimeStaff", 4);
        e.put("fullTimeStaff", 1);
        e.put("fullTimeStaffWithCollegeDegree", 1);
        e.put("liaisonDesignated", true);
        e.put("fixedOffice", true);
        e.put("facilities", true);
        e.put("annualBudgetYuan", 80000);
        e.put("mechanisms", List.of("COORDINATED_PROTECTION", "OPERATIONS", "RIGHTS_ASSISTANCE"));
        e.put("annualPlan", Map.of("exists", true, "covers", List.of("VISITS", "GUIDANCE", "TRAINING", "RISK_ASSESSMENT")));
        e.put("enterprisesVisited", 20);
        e.put("enterprisesGuided", 10);
        e.put("events", List.of(Map.of("date", "2026-01-10", "ledger", true, "kind", "培训"),
                Map.of("date", "2026-03-10", "ledger", true, "kind", "宣讲"),
                Map.of("date", "2026-05-10", "ledger", true, "kind", "沙龙")));
        e.put("enterprisesTrained", 50);
        e.put("rightsWindow", true);
        e.put("enterprisesRiskAssessed", 10);
        e.put("riskAssessment", Map.of("reportWritten", true));
        return e;
    }

    static void submit(String id, ApplicationType type, OrganizationFacts org, Map<String, Object> evidence,
            Instant submittedAt) {
        TopicProbe.sendEvent(TestInfrastructure.bootstrapServers(), Topics.APPLICATIONS, id,
                EventTypes.APPLICATION_SUBMITTED, UUID.randomUUID().toString(),
                new ApplicationSubmitted(id, CALL, type, 1, submittedAt, org, evidence));
    }

    @Test
    void theScoreSheetPdfShowsEveryCriterionItsEvidenceTheReviewAndTheTotals() throws Exception {
        HttpResponse<byte[]> r = get("/api/scores/" + first, reviewer, "application/pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        keep("score-sheet.pdf", r.body());
        String text = text(r.body());
        JsonNode json = json(get("/api/scores/" + first, reviewer, "application/json"));
        assertThat(text).contains("北京市商业秘密保护示范基地（示范点）评分表", "北京京西智造有限公司", ORG_FIRST, first,
                "sjs-point-2023 第 1 版", "合格标准", "合格");
        json.get("criteria").forEach(c -> {
            assertThat(text).contains(c.get("id").asString() + " " + c.get("title").asString());
            c.get("items").forEach(i -> assertThat(text).contains(i.get("itemId").asString()));
        });
        // the standard's words of a sub-item, the evidence read in Chinese, the reviewer with points and reason
        assertThat(text).contains("成立由本单位负责人牵头的商业秘密保护工作领导机构", "是否成立领导机构：是",
                "涉密人员管理机制", "培训台账缺少签到表", "24 分");
        assertThat(text).contains("总分").contains(json.get("total").decimalValue().stripTrailingZeros().toPlainString());
        assertThat(text).contains(json.get("base").decimalValue().stripTrailingZeros().toPlainString());
        assertThat(text).doesNotContain("leadershipBody.established");
    }

    @Test
    void applicantsAndUnknownApplicationsGetNoScoreSheet() throws Exception {
        assertThat(get("/api/scores/" + first, TestTokens.applicant(ORG_FIRST), "application/pdf").statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> unknown = get("/api/scores/nope-" + UUID.randomUUID(), reviewer, "application/pdf");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("未找到");
        // the JSON of the same path is unchanged for the applicant
        assertThat(get("/api/scores/" + first, TestTokens.applicant(ORG_FIRST), "application/json").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theRecommendationListAsXlsxHasASheetPerTypeInRankOrderWithNumbersAsNumbers() throws Exception {
        HttpResponse<byte[]> r = get("/api/rankings?callId=" + CALL, reviewer, XLSX);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        keep("ranking.xlsx", r.body());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2)))
                    .containsExactly("示范点", "示范区", "说明");
            Sheet points = book.getSheet("示范点");
            assertThat(points.getPaneInformation().isFreezePane()).isTrue();
            assertThat(points.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(points.getColumnWidth(1)).isGreaterThanOrEqualTo(40 * 256);
            Row header = points.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("排名");
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("申报单位");
            // the failed one is not ranked; first (100 - 6 = 94), then second and tie (92 each, second submitted
            // earlier), as the JSON ranking says, with its tie-break reasons
            assertThat(points.getLastRowNum()).isEqualTo(3);
            JsonNode ranking = json(get("/api/rankings?callId=" + CALL + "&type=POINT", reviewer, "application/json"));
            assertThat(ranking.get("entries")).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Row row = points.getRow(i + 1);
                JsonNode e = ranking.get("entries").get(i);
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(e.get("rank").asInt());
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(e.get("organizationName").asString());
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(e.get("creditCode").asString());
                assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(e.get("total").decimalValue().doubleValue());
                assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(e.get("base").decimalValue().doubleValue());
                assertThat(row.getCell(8).getStringCellValue()).isEqualTo(e.get("proposed").asBoolean() ? "是" : "否");
                assertThat(row.getCell(9).getStringCellValue()).isEqualTo(e.get("reason").asString());
                assertThat(row.getCell(15).getStringCellValue()).isEqualTo(e.get("applicationId").asString());
            }
            assertThat(points.getRow(1).getCell(1).getStringCellValue()).isEqualTo("北京京西智造有限公司");
            assertThat(points.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(94.0);
            assertThat(points.getRow(2).getCell(1).getStringCellValue()).isEqualTo("北京西山新材料有限公司");
            assertThat(points.getRow(3).getCell(1).getStringCellValue()).isEqualTo("北京模式口科技有限公司");
            assertThat(points.getRow(3).getCell(9).getStringCellValue()).contains("提交时间");
            Sheet zones = book.getSheet("示范区");
            assertThat(zones.getLastRowNum()).isEqualTo(1);
            assertThat(zones.getRow(1).getCell(1).getStringCellValue()).isEqualTo("石景山数字创新产业园");
            // the zone declares 2 point-standard enterprises, the call has none in its park: flagged for reviewers
            assertThat(zones.getRow(1).getCell(12).getStringCellValue()).contains("符合示范点标准企业数为 2");
        }
        HttpResponse<byte[]> onlyZones = get("/api/rankings?callId=" + CALL + "&type=ZONE", reviewer, XLSX);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(onlyZones.body()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            assertThat(book.getSheetName(0)).isEqualTo("示范区");
        }
    }

    @Test
    void theRecommendationListAsCsvStartsWithTheByteOrderMarkForExcel() throws Exception {
        HttpResponse<byte[]> r = get("/api/rankings?callId=" + CALL + "&type=POINT", reviewer, "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        byte[] body = r.body();
        assertThat(body[0] & 0xFF).isEqualTo(0xEF);
        assertThat(body[1] & 0xFF).isEqualTo(0xBB);
        assertThat(body[2] & 0xFF).isEqualTo(0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("排名,申报单位,统一社会信用代码,申报类型,总分");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("1,北京京西智造有限公司," + ORG_FIRST + ",示范点,94,");
        assertThat(lines.get(2)).startsWith("2,北京西山新材料有限公司,");
    }

    @Test
    void applicantsGetNoRecommendationList() throws Exception {
        assertThat(get("/api/rankings?callId=" + CALL, TestTokens.applicant(ORG_FIRST), XLSX).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/rankings?callId=" + CALL, TestTokens.applicant(ORG_FIRST), "text/csv").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/rankings?callId=unknown-call", reviewer, XLSX).statusCode()).isEqualTo(404);
    }

    HttpResponse<byte[]> get(String path, String token, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        return EventJson.mapper().readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // lines joined: a table cell wraps long text, Chinese has no spaces to lose
            return new PDFTextStripper().getText(doc).replace("\r", "").replace("\n", "");
        }
    }

    /** With -Dtsbase.documents.out=DIR the documents are kept there (the README's pictures are made from them). */
    static void keep(String name, byte[] bytes) throws Exception {
        String dir = System.getProperty("tsbase.documents.out");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), bytes);
        }
    }
}
