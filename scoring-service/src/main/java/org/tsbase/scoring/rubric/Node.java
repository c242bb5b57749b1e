package org.tsbase.scoring.rubric;

/** The syntax tree of a rule: four node kinds, nothing that could reach Java. */
sealed interface Node permits Node.Literal, Node.FactRef, Node.Unary, Node.Binary {

    int position();

    /** A number ({@link Fraction}), a boolean, or a code text. */
    record Literal(Object value, int position) implements Node {
    }

    /** A fact from the {@link FactCatalog}, checked when the rule was parsed. */
    record FactRef(FactDefinition fact, int position) implements Node {
    }

    /** {@code !} or unary {@code -}. */
    record Unary(String operator, Node operand, int position) implements Node {
    }

    /** Arithmetic, comparison, {@code &&}, {@code ||} or {@code contains}. */
    record Binary(String operator, Node left, Node right, int position) implements Node {
    }
}
