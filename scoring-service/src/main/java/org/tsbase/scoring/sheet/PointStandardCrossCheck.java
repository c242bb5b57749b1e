package org.tsbase.scoring.sheet;

import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationType;

/**
 * A zone declares how many of its enterprises meet the point standard (评分达到80分以上). Scoring compares that with the
 * passed POINT applications of the same call whose park is this zone, and flags a mismatch to reviewers; it
 * never changes the declared figure or the score.
 */
@Component
public class PointStandardCrossCheck {

    /** The evidence field of a zone's declared count. */
    static final String DECLARED = "enterprisesMeetingPointStandard";

    private final MongoTemplate mongo;

    PointStandardCrossCheck(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Counted by the park index alone: passed, not withdrawn POINT sheets of the call in the park. */
    long passedPointApplications(String callId, String parkCreditCode) {
        return mongo.count(Query.query(Criteria.where("callId").is(callId).and("type").is(ApplicationType.POINT.name())
                .and("parkCreditCode").is(parkCreditCode).and("standing").is(ScoreSheet.Standing.PASSED.name())),
                Scoring.COLLECTION);
    }

    public record Mismatch(long declared, long passedPointApplications, String message) {
    }

    public Optional<Mismatch> check(ScoreSheet zone) {
        if (zone.type() != ApplicationType.ZONE) {
            return Optional.empty();
        }
        Object declared = zone.evidence().get(DECLARED);
        long declaredCount = declared instanceof Number n ? n.longValue() : 0;
        long passed = passedPointApplications(zone.callId(), zone.creditCode());
        if (declaredCount == passed) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(declaredCount, passed, "申报的符合示范点标准企业数为 " + declaredCount
                + " 家，本批次中该园区内评分合格的示范点申报为 " + passed + " 家，请评审核实"));
    }
}
