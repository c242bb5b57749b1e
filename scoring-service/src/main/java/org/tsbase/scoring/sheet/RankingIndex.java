package org.tsbase.scoring.sheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationType;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.rubric.RubricType;

/**
 * Reads rankings from the {@value ScoreSheet#RANKING_INDEX} index of the score sheets: equality on call, type and
 * standing, then the order of {@link org.tsbase.scoring.ranking.Ranking} (total, base and activities points
 * descending, earlier submission, application id), so that a page with a limit reads only what it returns and the
 * counts are answered by the index alone.
 */
@Component
public class RankingIndex {

    /** The index's order after its equality prefix: the ranking's order. */
    static final Sort RANK_ORDER = Sort.by(Sort.Order.desc("rankTotal"), Sort.Order.desc("rankBase"),
            Sort.Order.desc("rankActivities"), Sort.Order.asc("submittedAt"), Sort.Order.asc("_id"));

    private static final int PAGE = 2000;

    private final MongoTemplate mongo;

    RankingIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** How many sheets of a call and type stand so (withdrawn ones stand WITHDRAWN, not PASSED or FAILED). */
    public long count(String callId, ApplicationType type, ScoreSheet.Standing standing) {
        return mongo.count(range(callId, type, standing), Scoring.COLLECTION);
    }

    /** How many sheets of a call and type the district recommended (the part of the quota used), from the index. */
    public long recommended(String callId, ApplicationType type) {
        return mongo.count(Query.query(Criteria.where("callId").is(callId).and("type").is(type.name())
                .and("decision.recommended").is(true)), Scoring.COLLECTION);
    }

    /** Passed sheets in rank order from the {@code skip}-th, at most {@code limit}, without their evidence or history. */
    public List<ScoreSheet> passed(String callId, ApplicationType type, long skip, int limit) {
        Query q = range(callId, type, ScoreSheet.Standing.PASSED).with(RANK_ORDER).skip(skip).limit(limit);
        // what a ranking entry shows and the zone cross-check reads: no reviews, history, outbox or other evidence
        q.fields().include("callId", "type", "creditCode", "organizationName", "parkCreditCode", "applicationVersion",
                "submittedAt", "withdrawn", "result", "revision", "evidence." + PointStandardCrossCheck.DECLARED,
                "decision", "eligibility");
        return mongo.find(q, ScoreSheet.class);
    }

    /**
     * Every scored, not withdrawn sheet of a call and type as ranking sees it (in no particular order), read a page at
     * a time through the {@value ScoreSheet#CALL_TYPE_ID_INDEX} index with only the ranking fields: for work that
     * needs a whole ranking once, such as a replay's comparison of ranks.
     */
    public void forEachScored(String callId, ApplicationType type, Consumer<RankingEntry> action) {
        RubricType rubricType = RubricType.valueOf(type.name());
        String after = null;
        while (true) {
            Criteria c = Criteria.where("callId").is(callId).and("type").is(type.name());
            if (after != null) {
                c = c.and("_id").gt(after);
            }
            Query q = Query.query(c.and("standing").in(ScoreSheet.Standing.PASSED.name(),
                    ScoreSheet.Standing.FAILED.name())).with(Sort.by("_id")).limit(PAGE);
            q.fields().include("_id", "submittedAt", "standing", "rankTotal", "rankBase", "rankActivities");
            List<Document> page = mongo.find(q, Document.class, Scoring.COLLECTION);
            for (Document d : page) {
                action.accept(new RankingEntry(d.getString("_id"), rubricType, decimal(d.get("rankTotal")),
                        decimal(d.get("rankBase")), decimal(d.get("rankActivities")), instant(d.get("submittedAt")),
                        ScoreSheet.Standing.PASSED.name().equals(d.getString("standing"))));
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).getString("_id");
        }
    }

    public static RankingEntry entry(ScoreSheet sheet) {
        return RankingEntry.of(sheet.applicationId(), sheet.submittedAt(), sheet.result().score());
    }

    private static Query range(String callId, ApplicationType type, ScoreSheet.Standing standing) {
        return Query.query(Criteria.where("callId").is(callId).and("type").is(type.name())
                .and("standing").is(standing.name()));
    }

    private static BigDecimal decimal(Object number) {
        return number instanceof Number n ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.ZERO;
    }

    private static Instant instant(Object date) {
        return date instanceof Date d ? d.toInstant() : null;
    }
}
