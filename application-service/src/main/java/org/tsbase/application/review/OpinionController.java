package org.tsbase.application.review;

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
import org.tsbase.application.intake.ApplicationView;
import org.tsbase.application.web.Versions;
import org.tsbase.support.security.Caller;

/** The reviewers' opinions; the answer is the application after the step, its version as {@code ETag}. */
@RestController
@RequestMapping("/api/applications/{id}")
class OpinionController {

    private final ReviewService reviews;

    OpinionController(ReviewService reviews) {
        this.reviews = reviews;
    }

    /** 推荐意见. */
    record DistrictOpinionRequest(Boolean recommended, String text) {
    }

    /** 验收意见. */
    record CityOpinionRequest(Boolean accepted, String text) {
    }

    @PostMapping("/district-opinion")
    @PreAuthorize("hasRole('DISTRICT_REVIEWER')")
    ResponseEntity<ApplicationView> district(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody DistrictOpinionRequest request, Caller caller) {
        String text = ReviewService.checked("recommended", request.recommended(), request.text());
        Application a = reviews.districtOpinion(id, Versions.ifMatch(ifMatch), request.recommended(), text,
                caller.subject());
        return ResponseEntity.ok().eTag(Versions.etag(a.version())).body(ApplicationView.of(a, caller));
    }

    @PostMapping("/city-opinion")
    @PreAuthorize("hasRole('CITY_REVIEWER')")
    ResponseEntity<ApplicationView> city(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody CityOpinionRequest request, Caller caller) {
        String text = ReviewService.checked("accepted", request.accepted(), request.text());
        Application a = reviews.cityOpinion(id, Versions.ifMatch(ifMatch), request.accepted(), text, caller.subject());
        return ResponseEntity.ok().eTag(Versions.etag(a.version())).body(ApplicationView.of(a, caller));
    }
}
