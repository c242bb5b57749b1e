package org.tsbase.scoring.catalog;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One version of a rubric, as uploaded; never edited. {@code _id} is {@code <rubricId>@<version>}. */
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
        Instant uploadedAt) {

    static String key(String rubricId, int version) {
        return rubricId + "@" + version;
    }
}
