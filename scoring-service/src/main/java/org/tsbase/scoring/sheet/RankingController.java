package org.tsbase.scoring.sheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.call.CallCopies;
import org.tsbase.scoring.call.CallCopy;
import org.tsbase.scoring.ranking.RankedEntry;
import org.tsbase.scoring.ranking.Ranking;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * Passed applications of a call and type in rank order, the top ones within the call's quota proposed, a page at a
 * time. Served from the ranking index of the score sheets (kept in the same update as each result), so a request
 * reads the page it shows and its two neighbours, and counts from the index: never every sheet of the call.
 */
@RestController
class RankingController {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;

    private final RankingIndex index;
    private final CallCopies calls;
    private final PointStandardCrossCheck crossCheck;

    RankingController(RankingIndex index, CallCopies calls, PointStandardCrossCheck crossCheck) {
        this.index = index;
        this.calls = calls;
        this.crossCheck = crossCheck;
    }

    /**
     * @param proposed    within the quota by rank: what the ranking proposes
     * @param recommended the district's decision: true recommended, false not recommended, null not decided yet
     * @param flags       the zone cross-check and the eligibility flags found at submission
     */
    record RankView(int rank, String applicationId, String creditCode, String organizationName, BigDecimal total,
            BigDecimal base, BigDecimal bonus, BigDecimal activitiesPoints, Instant submittedAt, boolean proposed,
            String tieBreak, String reason, List<String> flags, Boolean recommended) {
    }

    /**
     * @param scored  scored applications of the call and type, not withdrawn (passed or not)
     * @param passed  how many of them passed: the length of the whole ranking
     * @param entries the requested page of the ranking
     * @param page    which page (from 0) of {@code size} entries
     * @param recommended    how many the district recommended so far (of any rank)
     * @param remainingQuota how many more it may recommend within the quota
     */
    record RankingView(String callId, String type, int quota, int scored, int passed, List<RankView> entries,
            int page, int size, int recommended, int remainingQuota) {
    }

    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'CITY_REVIEWER', 'ADMIN')")
    @GetMapping("/api/rankings")
    RankingView ranking(@RequestParam String callId, @RequestParam ApplicationType type,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "ranking.page-invalid"));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new FieldProblem("size", "ranking.size-invalid", MAX_SIZE));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        CallCopy call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        int quota = call.quotaFor(type);
        long passed = index.count(callId, type, ScoreSheet.Standing.PASSED);
        long failed = index.count(callId, type, ScoreSheet.Standing.FAILED);
        long from = (long) page * size;
        List<RankView> entries = new ArrayList<>();
        if (from < passed) {
            // the page with one neighbour on each side: the tie-breaks at its edges are decided against them
            long skip = Math.max(0, from - 1);
            int limit = size + (from > 0 ? 2 : 1);
            List<ScoreSheet> window = index.passed(callId, type, skip, limit);
            int first = (int) (from - skip);
            int last = Math.min(window.size(), first + size);
            List<RankingEntry> run = window.subList(first, last).stream().map(RankingIndex::entry).toList();
            RankingEntry above = first > 0 ? RankingIndex.entry(window.get(first - 1)) : null;
            RankingEntry below = last < window.size() ? RankingIndex.entry(window.get(last)) : null;
            List<RankedEntry> ranked = Ranking.slice(quota, (int) from + 1, above, run, below);
            for (int i = 0; i < ranked.size(); i++) {
                entries.add(view(window.get(first + i), ranked.get(i)));
            }
        }
        int recommended = (int) index.recommended(callId, type);
        return new RankingView(callId, type.name(), quota, (int) (passed + failed), (int) passed, entries, page,
                size, recommended, Math.max(0, quota - recommended));
    }

    private RankView view(ScoreSheet s, RankedEntry r) {
        List<String> flags = new ArrayList<>();
        crossCheck.check(s).ifPresent(m -> flags.add("POINT_STANDARD_MISMATCH: " + m.message()));
        s.eligibility().forEach(f -> flags.add(f.code() + ": " + f.message()));
        return new RankView(r.rank(), s.applicationId(), s.creditCode(), s.organizationName(), r.entry().total(),
                r.entry().base(), s.result().score().bonus(), r.entry().activitiesPoints(), s.submittedAt(),
                r.proposed(), r.versusAbove().name(), r.reason(), List.copyOf(flags),
                s.decision() == null ? null : s.decision().recommended());
    }
}
