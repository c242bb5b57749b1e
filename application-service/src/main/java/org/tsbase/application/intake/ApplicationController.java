package org.tsbase.application.intake;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.application.web.Versions;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.security.Caller;

/**
 * Applications. Responses carry the version as {@code ETag}; edits need it in {@code If-Match} (428 without,
 * 409 when stale); workflow steps take it optionally. Another organisation's application answers 404.
 */
@RestController
@RequestMapping("/api/applications")
class ApplicationController {

    private final ApplicationService applications;
    private final ApplicationViews views;

    ApplicationController(ApplicationService applications, ApplicationViews views) {
        this.applications = applications;
        this.views = views;
    }

    /**
     * The submit request's optional body: {@code declarationAccepted} where the call asks for its 承诺 (422
     * without); no body where the call asks for nothing.
     */
    record SubmitRequest(Boolean declarationAccepted) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<ApplicationView> create(@RequestBody ApplicationRequest request, Caller caller) {
        Application a = applications.create(request, caller);
        return ResponseEntity.created(URI.create("/api/applications/" + a.id())).eTag(Versions.etag(a.version()))
                .body(views.of(a, caller));
    }

    @GetMapping("/{id}")
    ResponseEntity<ApplicationView> get(@PathVariable String id, Caller caller) {
        return view(applications.get(id, caller), caller);
    }

    @GetMapping
    ApplicationSummary.Page list(@RequestParam(required = false) String callId,
            @RequestParam(required = false) ApplicationType type,
            @RequestParam(required = false) ApplicationStatus status,
            @RequestParam(required = false) String creditCode,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Caller caller) {
        return applications.list(callId, type, status, creditCode, page, size, caller);
    }

    /** Replaces the draft's content. */
    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<ApplicationView> edit(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ApplicationRequest request, Caller caller) {
        long expected = Versions.required(ifMatch);
        return view(applications.edit(id, expected, request, caller), caller);
    }

    /** Submits a draft, or resubmits a returned application (退回补正) before its correction deadline. */
    @Operation(summary = "Submit a draft, or resubmit a returned application before its correction deadline; body {\"declarationAccepted\": true} where the call asks for its 承诺")
    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<ApplicationView> submit(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) SubmitRequest request, Caller caller) {
        boolean accepted = request != null && Boolean.TRUE.equals(request.declarationAccepted());
        return view(applications.submit(id, Versions.ifMatch(ifMatch), accepted, caller), caller);
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<ApplicationView> withdraw(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        return view(applications.withdraw(id, Versions.ifMatch(ifMatch), caller), caller);
    }

    private ResponseEntity<ApplicationView> view(Application a, Caller caller) {
        return ResponseEntity.ok().eTag(Versions.etag(a.version())).body(views.of(a, caller));
    }
}
