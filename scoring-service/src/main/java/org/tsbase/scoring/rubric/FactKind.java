package org.tsbase.scoring.rubric;

/** How a fact is read from the evidence and which type it has in a rule. */
public enum FactKind {
    /** A yes/no answer; missing means false. */
    BOOLEAN,
    /** A whole, non-negative number of people, enterprises or cases; missing means 0. */
    COUNT,
    /** A non-negative amount of money (may have decimals); missing means 0. */
    AMOUNT,
    /** A subset of a fixed list of codes, tested in rules with {@code contains}; missing means none. */
    CODES,
    /** A count the engine derives from dated evidence and the assessment period. */
    DERIVED_COUNT
}
