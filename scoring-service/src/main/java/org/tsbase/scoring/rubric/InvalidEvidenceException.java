package org.tsbase.scoring.rubric;

import java.util.List;
import java.util.stream.Collectors;

/** Evidence that cannot be scored, with every problem found. Nothing should be stored for it. */
public class InvalidEvidenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<EvidenceProblem> problems;

    public InvalidEvidenceException(List<EvidenceProblem> problems) {
        super("invalid evidence: " + problems.stream().map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<EvidenceProblem> problems() {
        return problems;
    }
}
