package org.tsbase.application.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallService;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** {@code GET /api/calls/{callId}/dossier?status=RECOMMENDED}: the call's materials for the city as one ZIP. */
@RestController
class DossierController {

    static final String ZIP = "application/zip";

    private final CallService calls;
    private final Dossiers dossiers;

    DossierController(CallService calls, Dossiers dossiers) {
        this.calls = calls;
        this.dossiers = dossiers;
    }

    @Operation(summary = "The call's dossier as a ZIP (DISTRICT_REVIEWER, ADMIN)", description = "Per application "
            + "of the status (default RECOMMENDED) a folder NN_<name>_<type>/ with 申报表.pdf, 评分表.pdf (from "
            + "scoring-service) and 附件/; 00_推荐汇总表.xlsx; manifest.json with every entry's SHA-256 and what could "
            + "not be included. Streamed as it is written.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = ZIP)))
    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'ADMIN')")
    @GetMapping(value = "/api/calls/{callId}/dossier", produces = ZIP)
    ResponseEntity<StreamingResponseBody> dossier(@PathVariable String callId,
            @RequestParam(defaultValue = "RECOMMENDED") ApplicationStatus status,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, Caller caller) {
        Call call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        List<String> ids = dossiers.selection(callId, status);
        String bearer = authorization.replaceFirst("(?i)^Bearer\\s+", "");
        StreamingResponseBody body = out -> dossiers.write(call, status, ids, caller, bearer, out);
        String name = "材料包_" + SafeNames.segment(callId, 40) + "_" + status.name() + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }
}
