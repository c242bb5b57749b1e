package org.tsbase.scoring.rubric;

import java.util.List;

/** A rubric document that cannot be used, with every reason found (not only the first). */
public class InvalidRubricException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public InvalidRubricException(List<String> reasons) {
        super("invalid rubric: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
