package org.tsbase.application.call;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.application.web.Versions;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** Calls for applications: everyone signed in reads them, ADMIN writes them. */
@RestController
@RequestMapping("/api/calls")
class CallController {

    private final CallService calls;
    private final Clock clock;

    CallController(CallService calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @GetMapping
    List<CallView> list(Caller caller) {
        return calls.list().stream().map(c -> CallView.of(c, clock.instant())).toList();
    }

    @GetMapping("/{callId}")
    ResponseEntity<CallView> get(@PathVariable String callId, Caller caller) {
        Call call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        return ResponseEntity.ok().eTag(Versions.etag(call.version())).body(CallView.of(call, clock.instant()));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<CallView> create(@RequestBody CallRequest request) {
        Call call = calls.create(request);
        return ResponseEntity.created(URI.create("/api/calls/" + call.callId()))
                .eTag(Versions.etag(call.version())).body(CallView.of(call, clock.instant()));
    }

    /** Replaces a call's data (windows, quotas, rubrics, period); {@code If-Match} with its version. */
    @PutMapping("/{callId}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<CallView> update(@PathVariable String callId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody CallRequest request, Caller caller) {
        long expected = Versions.required(ifMatch);
        Call call = calls.update(callId, expected, request, caller.subject());
        return view(call);
    }

    record ReopenRequest(String reason, LocalDate until) {
    }

    /**
     * ADMIN opens the review of the call again (district opinions accepted from today until the end of
     * {@code until}, Beijing time), with a written reason: recorded on the call, in its event and the audit trail.
     */
    @Operation(summary = "ADMIN reopens the review of a call until a day, with a written reason (audited)")
    @PostMapping("/{callId}/reopen-review")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<CallView> reopenReview(@PathVariable String callId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ReopenRequest request, Caller caller) {
        return view(calls.reopenReview(callId, Versions.ifMatch(ifMatch), request.reason(), request.until(),
                caller.subject()));
    }

    /** The district publishes the results: applicants see their scores from now on (idempotent). */
    @Operation(summary = "The district publishes the results: applicants see their scores from now on")
    @PostMapping("/{callId}/results-published")
    @PreAuthorize("hasAnyRole('ADMIN', 'DISTRICT_REVIEWER')")
    ResponseEntity<CallView> publishResults(@PathVariable String callId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        return view(calls.publishResults(callId, Versions.ifMatch(ifMatch), caller.subject()));
    }

    private ResponseEntity<CallView> view(Call call) {
        return ResponseEntity.ok().eTag(Versions.etag(call.version())).body(CallView.of(call, clock.instant()));
    }
}
