package org.tsbase.scoring.rubric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The reference rubrics of RUBRICS.md, shipped as data under {@code classpath:rubrics/}. */
public final class BundledRubrics {

    /** 示范点, 附件4. */
    public static final String POINT_2023 = "sjs-point-2023";
    /** 示范区, 附件5. */
    public static final String ZONE_2023 = "sjs-zone-2023";

    /** Ids of every bundled rubric, e.g. to seed the rubric store on first start. */
    public static final List<String> IDS = List.of(POINT_2023, ZONE_2023);

    private BundledRubrics() {
    }

    /** The document text, for storing it as uploaded. */
    public static String source(String rubricId) {
        if (!IDS.contains(rubricId)) {
            throw new IllegalArgumentException("no bundled rubric " + rubricId);
        }
        String path = "/rubrics/" + rubricId + ".yaml";
        try (InputStream in = BundledRubrics.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed and validated rubric. */
    public static RubricDefinition load(String rubricId) {
        return RubricParser.parse(source(rubricId));
    }
}
