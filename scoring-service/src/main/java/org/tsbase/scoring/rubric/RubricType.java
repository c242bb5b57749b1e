package org.tsbase.scoring.rubric;

/** What kind of applicant a rubric scores: 示范点 (an enterprise or institute) or 示范区 (a park). */
public enum RubricType {
    /** 示范点, 附件4. */
    POINT,
    /** 示范区, 附件5. */
    ZONE
}
