package org.tsbase.scoring.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tsbase.documents.CjkFont;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.sheet.PointStandardCrossCheck;
import org.tsbase.scoring.sheet.ScoreSheet;
import org.tsbase.scoring.sheet.Scoring;
import org.tsbase.support.web.ApiException;

/**
 * The documents of scoring for the office and the city: a score sheet as a PDF ({@code GET /api/scores/{id}} with
 * {@code Accept: application/pdf}) and the ranking of a call as 推荐汇总表 in XLSX or CSV ({@code GET /api/rankings}
 * with the spreadsheet's or {@code text/csv} Accept). The JSON mappings of the same paths answer every other Accept.
 * Reviewers and ADMIN only: an applicant reads its own result as JSON, not the district's file.
 */
@RestController
class ScoreDocumentController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    private final Scoring scoring;
    private final PointStandardCrossCheck crossCheck;
    private final RankingRows rankings;
    private final CallCopies calls;
    private final ScoreSheetPdf pdf;
    private final Clock clock;

    ScoreDocumentController(Scoring scoring, PointStandardCrossCheck crossCheck, RankingRows rankings,
            CallCopies calls, CjkFont font, MessageSource messages, Clock clock) {
        this.scoring = scoring;
        this.crossCheck = crossCheck;
        this.rankings = rankings;
        this.calls = calls;
        this.pdf = new ScoreSheetPdf(font, messages);
        this.clock = clock;
    }

    @Operation(summary = "A score sheet as a PDF (reviewers and ADMIN)", description = "Per criterion of 附件4/附件5 "
            + "its sub-items in the standard's words, automatic points with the evidence read, each reviewer's points "
            + "and reason, final points; base, bonus, total, pass mark, verdict and the rubric version.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE)))
    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'CITY_REVIEWER', 'ADMIN')")
    @GetMapping(value = "/api/scores/{applicationId}", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> scoreSheet(@PathVariable String applicationId) {
        ScoreSheet sheet = scoring.sheet(applicationId).orElseThrow(() -> ApiException.notFound("score.not-found"));
        List<String> flags = new ArrayList<>();
        crossCheck.check(sheet).ifPresent(m -> flags.add(m.message()));
        String title = scoring.context(sheet).map(c -> c.rubric().title()).orElse(null);
        byte[] body = pdf.render(new ScoreSheetPdf.Input(sheet, java.util.Optional.ofNullable(title), flags,
                clock.instant()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("评分表_" + applicationId + ".pdf", StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    @Operation(summary = "推荐汇总表 of a call as XLSX (one sheet per type unless type is given)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX)))
    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'CITY_REVIEWER', 'ADMIN')")
    @GetMapping(value = "/api/rankings", produces = XLSX)
    ResponseEntity<StreamingResponseBody> rankingXlsx(@RequestParam String callId,
            @RequestParam(required = false) ApplicationType type) {
        CallCopy call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        List<ApplicationType> types = types(type);
        Instant now = clock.instant();
        StreamingResponseBody body = out -> RankingSpreadsheet.xlsx(call.title() + "（" + callId + "）", types,
                source(call), now, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(callId, type, ".xlsx")).body(body);
    }

    @Operation(summary = "推荐汇总表 of a call as CSV (UTF-8 with BOM)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = CSV)))
    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'CITY_REVIEWER', 'ADMIN')")
    @GetMapping(value = "/api/rankings", produces = CSV)
    ResponseEntity<StreamingResponseBody> rankingCsv(@RequestParam String callId,
            @RequestParam(required = false) ApplicationType type) {
        CallCopy call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        List<ApplicationType> types = types(type);
        StreamingResponseBody body = out -> RankingSpreadsheet.csv(types, source(call), out);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(callId, type, ".csv")).body(body);
    }

    private RankingSpreadsheet.Source source(CallCopy call) {
        return (t, action) -> rankings.forEach(call.callId(), t, call.quotaFor(t), action);
    }

    private static List<ApplicationType> types(ApplicationType type) {
        return type == null ? List.of(ApplicationType.POINT, ApplicationType.ZONE) : List.of(type);
    }

    private static String attachment(String callId, ApplicationType type, String extension) {
        String name = "推荐汇总表_" + callId + (type == null ? "" : "_" + RankingSpreadsheet.typeName(type)) + extension;
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }
}
