package org.tsbase.scoring.rubric;

/** A rule expression that does not parse, names an unknown fact, or mixes types. */
final class RuleSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    RuleSyntaxException(int position, String message) {
        super("at " + (position + 1) + ": " + message);
    }
}
