package org.tsbase.scoring.replay;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.scoring.ranking.RankingEntry;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;

/**
 * A result a replay job changed (or would change), recorded as the job goes, before the result is written: what the
 * job's diff and its rank comparison are made of at the end, and what survives a restart of the job. Removed when
 * the job completes (its diff is then in the job).
 *
 * @param id     {@code <jobId>/<applicationId>}: an application is recorded once per job, with the result it had first
 * @param frozen its result is frozen by the district's decision: {@code after} is only a proposal
 */
@Document("replaychanges")
@CompoundIndex(name = "job_id", def = "{'jobId': 1, '_id': 1}")
record ReplayChange(@Id String id, String jobId, String applicationId, String callId, String type,
        String organizationName, Instant submittedAt, Result before, Result after, boolean frozen) {

    static String id(String jobId, String applicationId) {
        return jobId + "/" + applicationId;
    }

    /** What ranking and the diff need of a result. */
    record Result(String rubric, BigDecimal total, BigDecimal base, BigDecimal activitiesPoints, boolean passed) {

        static Result of(ScoreResult s) {
            return s == null ? null : new Result(s.rubricId() + " v" + s.rubricVersion(), s.total(), s.base(),
                    s.activitiesPoints(), s.passed());
        }
    }

    /** The application as ranking sees it with {@code result}; null without a result. */
    RankingEntry entry(Result result) {
        return result == null ? null : new RankingEntry(applicationId, RubricType.valueOf(type), result.total(),
                result.base(), result.activitiesPoints(), submittedAt, result.passed());
    }
}
