package org.tsbase.application.audit;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit?callId=}: the audit trail of a call, for ADMIN. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    record Page(String callId, List<AuditEntry> items) {
    }

    @Operation(summary = "The audit trail of a call: who, when, what and why of its decisions")
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    Page of(@RequestParam String callId) {
        return new Page(callId, trail.of(callId));
    }
}
