package org.tsbase.scoring.sheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.support.web.ApiException;

/** Passed applications of a call and type in rank order, the top ones within the call's quota proposed. */
@RestController
class RankingController {

    private final MongoTemplate mongo;
    private final CallCopies calls;
    private final PointStandardCrossCheck crossCheck;

    RankingController(MongoTemplate mongo, CallCopies calls, PointStandardCrossCheck crossCheck) {
        this.mongo = mongo;
        this.calls = calls;
        this.crossCheck = crossCheck;
    }

    record RankView(int rank, String applicationId, String creditCode, String organizationName, BigDecimal total,
            BigDecimal base, BigDecimal bonus, BigDecimal activitiesPoints, Instant submittedAt, boolean proposed,
            String tieBreak, String reason, List<String> flags) {
    }

    record RankingView(String callId, String type, int quota, int scored, int passed, List<RankView> entries) {
    }

    @PreAuthorize("hasAnyRole('DISTRICT_REVIEWER', 'CITY_REVIEWER', 'ADMIN')")
    @GetMapping("/api/rankings")
    RankingView ranking(@RequestParam String callId, @RequestParam ApplicationType type) {
        CallCopy call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call.not-found", callId));
        List<ScoreSheet> sheets = mongo.find(Query.query(Criteria.where("callId").is(callId).and("type").is(type)
                .and("withdrawn").is(false)), ScoreSheet.class).stream().filter(s -> s.result() != null).toList();
        Map<String, ScoreSheet> byId = sheets.stream().collect(Collectors.toMap(ScoreSheet::applicationId,
                Function.identity()));
        List<RankedEntry> ranked = Ranking.rank(RubricType.valueOf(type.name()), call.quotaFor(type), sheets.stream()
                .map(s -> RankingEntry.of(s.applicationId(), s.submittedAt(), s.result().score())).toList());
        List<RankView> entries = ranked.stream().map(r -> {
            ScoreSheet s = byId.get(r.entry().applicationId());
            List<String> flags = crossCheck.check(s).map(m -> List.of("POINT_STANDARD_MISMATCH: " + m.message()))
                    .orElse(List.of());
            return new RankView(r.rank(), s.applicationId(), s.creditCode(), s.organizationName(), r.entry().total(),
                    r.entry().base(), s.result().score().bonus(), r.entry().activitiesPoints(), s.submittedAt(),
                    r.proposed(), r.versusAbove().name(), r.reason(), flags);
        }).toList();
        return new RankingView(callId, type.name(), call.quotaFor(type), sheets.size(), entries.size(), entries);
    }
}
