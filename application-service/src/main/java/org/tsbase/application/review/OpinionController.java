package org.tsbase.application.review;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.application.intake.Application;
import org.tsbase.application.call.CallRules;
import org.tsbase.application.intake.ApplicationView;
import org.tsbase.application.intake.ApplicationViews;
import org.tsbase.application.web.Problems;
import org.tsbase.application.web.Versions;
import org.tsbase.support.security.Caller;
import org.tsbase.support.security.Role;
import org.tsbase.support.web.ApiException;

/** The reviewers' opinions; the answer is the application after the step, its version as {@code ETag}. */
@RestController
@RequestMapping("/api/applications/{id}")
class OpinionController {

    private final ReviewService reviews;
    private final ApplicationViews views;
    private final Clock clock;

    OpinionController(ReviewService reviews, ApplicationViews views, Clock clock) {
        this.reviews = reviews;
        this.views = views;
        this.clock = clock;
    }

    /**
     * 推荐意见; {@code override} (ADMIN only) recommends beyond the quota or below the pass mark, with a written
     * reason recorded on the opinion, in its event and the audit trail.
     */
    record DistrictOpinionRequest(Boolean recommended, String text, OverrideRequest override) {
    }

    /** ADMIN's override and its written reason. */
    record OverrideRequest(String reason) {
    }

    /** 退回补正: the reason and the correction deadline (a date: the end of that day, Beijing time; or a date-time). */
    record ReturnRequest(String reason, String deadline) {
    }

    /** 验收意见. */
    record CityOpinionRequest(Boolean accepted, String text) {
    }

    @Operation(summary = "推荐意见, within the review period, the pass mark and the quota; ADMIN may override with a reason")
    @PostMapping("/district-opinion")
    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'ADMIN')")
    ResponseEntity<ApplicationView> district(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody DistrictOpinionRequest request, Caller caller) {
        String text = ReviewService.checked("recommended", request.recommended(), request.text());
        String overrideReason = null;
        if (request.override() == null && !caller.has(Role.DISTRICT_REVIEWER)) {
            // ADMIN does not review: it only overrides the quota or the pass mark, with a written reason
            throw ApiException.forbidden();
        }
        if (request.override() != null) {
            Problems p = new Problems();
            overrideReason = CallRules.reason(p, request.override().reason());
            p.throwIfAny();
        }
        Application a = reviews.districtOpinion(id, Versions.ifMatch(ifMatch), request.recommended(), text,
                caller.subject(), caller.isAdmin(), overrideReason, clock.instant());
        return view(a, caller);
    }

    @Operation(summary = "退回补正: return a submitted or scored application with a reason and a correction deadline")
    @PostMapping("/return")
    @PreAuthorize("hasRole('DISTRICT_REVIEWER')")
    ResponseEntity<ApplicationView> returnForCorrection(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ReturnRequest request, Caller caller) {
        return view(reviews.returnForCorrection(id, Versions.ifMatch(ifMatch), request.reason(), request.deadline(),
                caller.subject()), caller);
    }

    private ResponseEntity<ApplicationView> view(Application a, Caller caller) {
        return ResponseEntity.ok().eTag(Versions.etag(a.version())).body(views.of(a, caller));
    }

    @PostMapping("/city-opinion")
    @PreAuthorize("hasRole('CITY_REVIEWER')")
    ResponseEntity<ApplicationView> city(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody CityOpinionRequest request, Caller caller) {
        String text = ReviewService.checked("accepted", request.accepted(), request.text());
        Application a = reviews.cityOpinion(id, Versions.ifMatch(ifMatch), request.accepted(), text, caller.subject());
        return view(a, caller);
    }
}
