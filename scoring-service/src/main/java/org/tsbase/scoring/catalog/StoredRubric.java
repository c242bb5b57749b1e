package org.tsbase.scoring.catalog;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version of a rubric, as uploaded; never edited (but for its outbox). {@code _id} is {@code <rubricId>@<version>}.
 *
 * @param outbox the audit events of an upload ({@code scoring.decision.v1}, one per call naming the rubric), written
 *               with the version in one insert and removed by the relay once the broker has them
 */
@Document("rubrics")
@CompoundIndex(name = "rubric_version", def = "{'rubricId': 1, 'version': 1}", unique = true)
public record StoredRubric(
        @Id String key,
        String rubricId,
        int version,
        String type,
        String title,
        String source,
        String uploadedBy,
        Instant uploadedAt,
        java.util.List<org.tsbase.support.outbox.OutboxEntry> outbox) {

    /** A version as stored before the audit events existed, or bundled: nothing to publish. */
    public StoredRubric(String key, String rubricId, int version, String type, String title, String source,
            String uploadedBy, Instant uploadedAt) {
        this(key, rubricId, version, type, title, source, uploadedBy, uploadedAt, java.util.List.of());
    }

    static String key(String rubricId, int version) {
        return rubricId + "@" + version;
    }
}
