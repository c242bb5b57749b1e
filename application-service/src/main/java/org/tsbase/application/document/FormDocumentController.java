package org.tsbase.application.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.application.attachment.FileNames;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationService;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.web.Versions;
import org.tsbase.support.security.Caller;

/**
 * {@code GET /api/applications/{id}} with {@code Accept: application/pdf}: the application as its printed form. Who
 * may read the application may read its form (another organisation's answers 404); the JSON mapping of the same path
 * answers every other Accept.
 */
@RestController
class FormDocumentController {

    static final String CONTENT_HASH = "X-Content-SHA256";

    private final ApplicationStore store;
    private final FormDocuments forms;

    FormDocumentController(ApplicationStore store, FormDocuments forms) {
        this.store = store;
        this.forms = forms;
    }

    @Operation(summary = "The application as the notice's form (附件2 or 附件3), as a PDF",
            description = "Every field, 工作开展情况, the evidence answers, the attachments with their SHA-256, the "
                    + "contacts at submission and the opinions; the footer names the application id, version, "
                    + "submission time and the SHA-256 of the record's content (also in the X-Content-SHA256 "
                    + "header). Drafts carry a 草稿 watermark.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE)))
    @GetMapping(value = "/api/applications/{id}", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> form(@PathVariable String id, Caller caller) {
        Application a = store.get(id, ApplicationService.visibleTo(caller));
        FormDocuments.Printed printed = forms.print(a, caller);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).eTag(Versions.etag(a.version()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        FileNames.contentDisposition(FormDocuments.fileName(a)).replaceFirst("^attachment", "inline"))
                .header(CONTENT_HASH, printed.contentHash())
                .body(printed.pdf());
    }
}
