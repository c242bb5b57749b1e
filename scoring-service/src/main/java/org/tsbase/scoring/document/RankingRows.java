package org.tsbase.scoring.document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.ranking.RankedEntry;
import org.tsbase.scoring.ranking.Ranking;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.sheet.PointStandardCrossCheck;
import org.tsbase.scoring.sheet.RankingIndex;
import org.tsbase.scoring.sheet.ScoreSheet;

/**
 * A whole ranking of a call and type, row by row in rank order, read from the ranking index a page at a time (each
 * page with the entry below it, so that ties at its edge are decided as in the JSON ranking): an export of a call
 * with thousands of applications never holds more than a page.
 */
@Component
class RankingRows {


    /** One line of 推荐汇总表; {@code flags} in words. */
    record Row(int rank, String applicationId, String organizationName, String creditCode, ApplicationType type,
            BigDecimal total, BigDecimal base, BigDecimal bonus, boolean passed, boolean proposed, String reason,
            Instant submittedAt, String rubric, List<String> flags) {
    }

    private final RankingIndex index;
    private final PointStandardCrossCheck crossCheck;
    private final int page;

    /** @param page entries read at a time ({@code tsbase.documents.ranking-page-size}, 500; the tests use 1) */
    RankingRows(RankingIndex index, PointStandardCrossCheck crossCheck,
            @Value("${tsbase.documents.ranking-page-size:500}") int page) {
        this.index = index;
        this.crossCheck = crossCheck;
        this.page = Math.max(1, page);
    }

    void forEach(String callId, ApplicationType type, int quota, Consumer<Row> action) {
        long passed = index.count(callId, type, ScoreSheet.Standing.PASSED);
        RankingEntry above = null;
        for (long from = 0; from < passed; from += page) {
            List<ScoreSheet> window = index.passed(callId, type, from, page + 1);
            if (window.isEmpty()) {
                return;
            }
            int last = Math.min(page, window.size());
            List<RankingEntry> run = window.subList(0, last).stream().map(RankingIndex::entry).toList();
            RankingEntry below = window.size() > last ? RankingIndex.entry(window.get(last)) : null;
            List<RankedEntry> ranked = Ranking.slice(quota, (int) from + 1, above, run, below);
            for (int i = 0; i < ranked.size(); i++) {
                action.accept(row(window.get(i), ranked.get(i)));
            }
            above = run.get(run.size() - 1);
        }
    }

    private Row row(ScoreSheet s, RankedEntry r) {
        List<String> flags = new ArrayList<>();
        crossCheck.check(s).ifPresent(m -> flags.add(m.message()));
        var score = s.result().score();
        return new Row(r.rank(), s.applicationId(), s.organizationName(), s.creditCode(), s.type(), score.total(),
                score.base(), score.bonus(), score.passed(), r.proposed(), r.reason(), s.submittedAt(),
                score.rubricId() + " v" + score.rubricVersion(), flags);
    }
}
