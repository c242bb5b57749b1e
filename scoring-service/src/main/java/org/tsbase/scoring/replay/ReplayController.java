package org.tsbase.scoring.replay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** Rescoring by replay (ADMIN): start a job, follow its progress and read its diff. */
@RestController
@RequestMapping("/api/admin/replays")
@PreAuthorize("hasRole('ADMIN')")
class ReplayController {

    private final ReplayRunner runner;

    ReplayController(ReplayRunner runner) {
        this.runner = runner;
    }

    /**
     * @param rubricId only applications whose call scores them with this rubric (its latest version)
     * @param callId   only this call's applications
     * @param dryRun   compute and report the diff; store and publish nothing
     * @param reason   why (optional): recorded in the audit trail of the calls it concerns
     */
    record ReplayRequest(@Pattern(regexp = "[a-z0-9-]{3,60}") String rubricId,
            @Pattern(regexp = "[a-z0-9-]{3,40}") String callId, boolean dryRun,
            @jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    @PostMapping
    ResponseEntity<ReplayJob> start(@Valid @RequestBody ReplayRequest request, Caller caller) {
        ReplayJob job = runner.start(request.rubricId(), request.callId(), request.dryRun(), caller.subject(),
                request.reason() == null || request.reason().isBlank() ? null : request.reason().strip());
        return ResponseEntity.accepted().location(URI.create("/api/admin/replays/" + job.jobId())).body(job);
    }

    @GetMapping("/{jobId}")
    ReplayJob get(@PathVariable String jobId) {
        return runner.find(jobId).orElseThrow(() -> ApiException.notFound("replay.not-found"));
    }

    @GetMapping
    List<ReplayJob> recent() {
        return runner.recent();
    }
}
