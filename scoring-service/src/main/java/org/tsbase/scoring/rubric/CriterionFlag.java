package org.tsbase.scoring.rubric;

/** Something about a criterion's scores a reviewer or the bureau should look at. */
public enum CriterionFlag {
    /** Highest minus lowest reviewer score is more than the rubric's share (half) of the criterion max. */
    REVIEWER_SPREAD,
    /** A reviewer departs from the automatic score by more than the rubric's share (half) of the max. */
    REVIEWER_DEPARTS_FROM_AUTOMATIC
}
