package org.tsbase.scoring.rubric;

import java.util.List;

/** Reviewer scores that do not fit the rubric (unknown criterion, points out of range), every reason listed. */
public class InvalidReviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public InvalidReviewException(List<String> reasons) {
        super("invalid review: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
