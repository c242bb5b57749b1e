package org.tsbase.scoring.sheet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.rubric.CriterionDefinition;
import org.tsbase.scoring.rubric.CriterionScore;
import org.tsbase.scoring.rubric.ItemScore;
import org.tsbase.scoring.rubric.RubricEngine;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * Results with their explanation, and district reviewers' scores. An applicant reads only its own organisation's
 * results (another's answers 404) and sees reviewers as 评审专家1, 2, ...; reviewers and ADMIN read all.
 */
@RestController
@RequestMapping("/api/scores")
class ScoreController {

    private final Scoring scoring;
    private final PointStandardCrossCheck crossCheck;
    private final CallCopies calls;
    private final Clock clock;

    ScoreController(Scoring scoring, PointStandardCrossCheck crossCheck, CallCopies calls, Clock clock) {
        this.scoring = scoring;
        this.crossCheck = crossCheck;
        this.calls = calls;
        this.clock = clock;
    }

    record ItemView(String itemId, String text, String rule, boolean reviewerOnly, BigDecimal pointsAvailable,
            BigDecimal pointsAwarded, Map<String, Object> evidenceRead) {
    }

    record ReviewView(String reviewer, BigDecimal points, String comment) {
    }

    record CriterionView(String id, String title, BigDecimal max, boolean bonus, BigDecimal automaticPoints,
            List<ReviewView> reviewerPoints, BigDecimal finalPoints, boolean reviewed, Set<String> flags,
            List<ItemView> items) {
    }

    record Flag(String code, String message) {
    }

    /**
     * @param status   PENDING (not scored yet), SCORED, WITHDRAWN, or UNPUBLISHED: an applicant asking before the
     *                 district published the call's results (no figures then)
     * @param frozen   the district decided on it: its result no longer changes (reviewers and ADMIN only)
     * @param proposal what it would now score, when a later review or rubric differs from the frozen result
     *                 (reviewers and ADMIN only)
     */
    record ScoreView(String applicationId, String callId, String type, String creditCode, String organizationName,
            long applicationVersion, String status, String rubricId, Integer rubricVersion, List<CriterionView> criteria,
            BigDecimal base, BigDecimal bonusBeforeCap, BigDecimal bonus, BigDecimal total, BigDecimal passMark,
            Boolean passed, Long resultVersion, String cause, Instant computedAt, List<Flag> flags, Boolean frozen,
            ProposalView proposal) {
    }

    /** "Would now be …": a result computed after the decision froze the current one. */
    record ProposalView(String rubricId, Integer rubricVersion, BigDecimal base, BigDecimal bonus, BigDecimal total,
            Boolean passed, String cause, Instant computedAt, Map<String, BigDecimal> criteria) {
    }

    record HistoryView(long resultVersion, String rubricId, int rubricVersion, BigDecimal base, BigDecimal bonus,
            BigDecimal total, boolean passed, Map<String, BigDecimal> criteria, String cause, String by,
            Instant computedAt, Instant replacedAt) {
    }

    record CriterionReview(@NotBlank @Size(max = 10) String id, @NotNull @DecimalMin("0") @Digits(integer = 3, fraction = 2) BigDecimal points,
            @Size(max = 1000) String comment) {
    }

    record ReviewRequest(@NotEmpty @Size(max = 20) List<@Valid @NotNull CriterionReview> criteria) {
    }

    @GetMapping("/{applicationId}")
    ScoreView get(@PathVariable String applicationId, Caller caller) {
        ScoreSheet sheet = readable(applicationId, caller);
        if (!publishedTo(sheet, caller)) {
            return new ScoreView(sheet.applicationId(), sheet.callId(), sheet.type().name(), sheet.creditCode(),
                    sheet.organizationName(), sheet.applicationVersion(), "UNPUBLISHED", null, null, List.of(), null,
                    null, null, null, null, null, null, null, null, List.of(), null, null);
        }
        return view(sheet, caller);
    }

    @GetMapping("/{applicationId}/history")
    List<HistoryView> history(@PathVariable String applicationId, Caller caller) {
        ScoreSheet sheet = readable(applicationId, caller);
        if (!publishedTo(sheet, caller)) {
            return List.of();
        }
        return sheet.history().stream().map(h -> new HistoryView(h.resultVersion(), h.rubricId(), h.rubricVersion(),
                h.base(), h.bonus(), h.total(), h.passed(), h.criteria(), h.cause(),
                caller.readsAll() ? h.by() : null, h.computedAt(), h.replacedAt())).toList();
    }

    @PreAuthorize("hasRole('DISTRICT_REVIEWER')")
    @PostMapping("/{applicationId}/reviews")
    ScoreView review(@PathVariable String applicationId, @Valid @RequestBody ReviewRequest request, Caller caller) {
        ScoreSheet sheet = scoring.sheet(applicationId).orElseThrow(() -> ApiException.notFound("score.not-found"));
        if (sheet.withdrawn()) {
            throw ApiException.conflict("score.withdrawn");
        }
        if (sheet.result() == null) {
            throw ApiException.conflict("score.not-scored-yet");
        }
        var context = scoring.context(sheet).orElseThrow(() -> ApiException.conflict("score.not-scored-yet"));
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ScoreSheet.Review> reviews = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < request.criteria().size(); i++) {
            CriterionReview c = request.criteria().get(i);
            String field = "criteria[" + i + "]";
            CriterionDefinition def = context.rubric().criterion(c.id()).orElse(null);
            if (def == null) {
                problems.add(new FieldProblem(field + ".id", "review.unknown-criterion", c.id(), context.rubric().id()));
                continue;
            }
            if (!seen.add(c.id())) {
                problems.add(new FieldProblem(field + ".id", "review.duplicate-criterion", c.id()));
                continue;
            }
            if (c.points().compareTo(def.max()) > 0) {
                problems.add(new FieldProblem(field + ".points", "review.points-above-max", c.id(),
                        def.max().stripTrailingZeros().toPlainString()));
                continue;
            }
            BigDecimal automatic = sheet.result().score().criterion(c.id()).map(CriterionScore::automaticPoints)
                    .orElse(BigDecimal.ZERO);
            if (RubricEngine.reasonRequired(context.rubric(), def, automatic, c.points())
                    && (c.comment() == null || c.comment().isBlank())) {
                problems.add(new FieldProblem(field + ".comment", "review.reason-required", c.id(),
                        automatic.toPlainString()));
                continue;
            }
            reviews.add(new ScoreSheet.Review(caller.subject(), c.id(), c.points().setScale(2, RoundingMode.HALF_UP),
                    c.comment(), now));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems); // bad input is a 400 whatever the period
        }
        ResultRules.requireReviewOpen(context.call(), now);
        return view(scoring.review(applicationId, caller.subject(), reviews), caller);
    }

    /**
     * Reviewers and ADMIN see every result; an applicant sees its own only once the district published the call's
     * results (issue 9: nobody is told an interim automatic score before a reviewer has looked at it).
     */
    private boolean publishedTo(ScoreSheet sheet, Caller caller) {
        return caller.readsAll() || calls.find(sheet.callId()).map(CallCopy::resultsPublished).orElse(false);
    }

    private ScoreSheet readable(String applicationId, Caller caller) {
        return scoring.sheet(applicationId).filter(s -> caller.mayRead(s.creditCode()))
                .orElseThrow(() -> ApiException.notFound("score.not-found"));
    }

    private ScoreView view(ScoreSheet sheet, Caller caller) {
        List<Flag> flags = new ArrayList<>();
        if (caller.readsAll()) {
            crossCheck.check(sheet).ifPresent(m -> flags.add(new Flag("POINT_STANDARD_MISMATCH", m.message())));
            sheet.eligibility().forEach(f -> flags.add(new Flag(f.code(), f.message())));
        }
        if (sheet.result() == null) {
            return new ScoreView(sheet.applicationId(), sheet.callId(), sheet.type().name(), sheet.creditCode(),
                    sheet.organizationName(), sheet.applicationVersion(), sheet.withdrawn() ? "WITHDRAWN" : "PENDING",
                    null, null, List.of(), null, null, null, null, null, null, null, null, null, flags,
                    caller.readsAll() ? sheet.frozen() : null, null);
        }
        ScoreResult s = sheet.result().score();
        Map<String, String> aliases = new HashMap<>();
        List<CriterionView> criteria = s.criteria().stream().map(c -> new CriterionView(c.id(), c.title(), c.max(),
                c.bonus(), c.automaticPoints(), c.reviews().stream().map(r -> new ReviewView(
                        caller.readsAll() ? r.reviewer() : aliases.computeIfAbsent(r.reviewer(),
                                k -> "评审专家" + (aliases.size() + 1)), r.points(), r.comment())).toList(),
                c.finalPoints(), c.reviewed(), c.flags().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()),
                c.items().stream().map(ScoreController::item).toList())).toList();
        return new ScoreView(sheet.applicationId(), sheet.callId(), sheet.type().name(), sheet.creditCode(),
                sheet.organizationName(), sheet.result().applicationVersion(), sheet.withdrawn() ? "WITHDRAWN" : "SCORED",
                s.rubricId(), s.rubricVersion(), criteria, s.base(), s.bonusBeforeCap(), s.bonus(), s.total(),
                s.passMark(), s.passed(), sheet.result().resultVersion(), sheet.result().cause(),
                sheet.result().computedAt(), flags, caller.readsAll() ? sheet.frozen() : null,
                caller.readsAll() ? proposal(sheet.proposal()) : null);
    }

    private static ProposalView proposal(ScoreSheet.Proposal p) {
        if (p == null) {
            return null;
        }
        ScoreResult s = p.result().score();
        Map<String, BigDecimal> criteria = new java.util.LinkedHashMap<>();
        s.criteria().forEach(c -> criteria.put(c.id(), c.finalPoints()));
        return new ProposalView(s.rubricId(), s.rubricVersion(), s.base(), s.bonus(), s.total(), s.passed(),
                p.result().cause(), p.result().computedAt(), criteria);
    }

    private static ItemView item(ItemScore i) {
        return new ItemView(i.itemId(), i.text(), i.rule(), i.reviewerOnly(), i.pointsAvailable(), i.pointsAwarded(),
                i.evidenceRead());
    }
}
