package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An uploaded rubric must not be a way to run code: every attempt to reach a type, a method, a
 * constructor, an assignment, a bean or an unknown field is refused when the rubric is validated.
 */
class RuleSandboxTest {

    @ParameterizedTest(name = "refused: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a type reference (SpEL T())                    | T(java.lang.Runtime).getRuntime().exec('id')           | calls are not allowed: T(...)
            a type reference with a space                  | T (java.lang.System).exit(0)                          | calls are not allowed
            a static method by its full name               | java.lang.System.exit(0)                              | calls are not allowed: java.lang.System.exit(...)
            a method call on a fact                        | liaisonDesignated.getClass()                          | calls are not allowed: liaisonDesignated.getClass(...)
            a method call on a text                        | 'a'.concat('b')                                        | not allowed
            a function call                                | max(partTimeStaff, 3) >= 3                            | calls are not allowed: max(...)
            a constructor                                  | new java.lang.ProcessBuilder('id')                    | creating objects is not allowed
            a constructor without new                      | java.io.File('x') != null                              | calls are not allowed
            an assignment                                  | fixedOffice = true                                     | assignment is not allowed
            an assignment hidden in a condition            | facilities && (fixedOffice = false)                   | assignment is not allowed
            a SpEL variable                                | #root.class                                            | character '#' is not allowed
            a SpEL bean reference                          | @scoringService.toString()                            | character '@' is not allowed
            a property placeholder                         | ${user.home} != null                                   | character '$' is not allowed
            an indexer                                     | mechanisms[0] == 'PERSONNEL'                           | character '[' is not allowed
            an inline map                                  | {a:1} != null                                          | character '{' is not allowed
            the ternary operator                           | facilities ? true : false                              | character '?' is not allowed
            a statement separator                          | facilities; fixedOffice                                | character ';' is not allowed
            a projection                                   | mechanisms.![toString()] != null                      | '.' must be followed by a field name
            an unknown field                               | secretField >= 1                                       | unknown fact 'secretField'
            a Java field of a fact                         | partTimeStaff.value > 1                                | unknown fact 'partTimeStaff.value'
            the class of the evidence map                  | class.classLoader != null                             | unknown fact 'class.classLoader'
            a single & (bitwise and)                       | facilities & fixedOffice                               | use && for 'and'
            a single bar (bitwise or)                      | `facilities | fixedOffice`                             | use || for 'or'
            a backslash escape                             | facilities \\u0026\\u0026 fixedOffice                  | character '\\' is not allowed
            """)
    void anAttemptToRunCodeIsRefused(String row, String rule, String reason) {
        assertThatThrownBy(() -> RubricParser.parse(RubricDocuments.withRule(rule)))
                .isInstanceOfSatisfying(InvalidRubricException.class,
                        e -> assertThat(e.reasons()).singleElement().asString().contains("A1.2 rule").contains(reason));
    }

    @Test
    void aRuleNestedTooDeeplyIsRefusedWithoutOverflowingTheStack() {
        String rule = "(".repeat(5000) + "facilities" + ")".repeat(5000);

        assertThatThrownBy(() -> Rule.compile(rule, RubricType.POINT))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("longer than 500");
        String deep = "(".repeat(100) + "facilities" + ")".repeat(100);
        assertThatThrownBy(() -> Rule.compile(deep, RubricType.POINT))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("nested more than 30 levels");
        String negations = "!".repeat(100) + "facilities";
        assertThatThrownBy(() -> Rule.compile(negations, RubricType.POINT))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("nested more than 30 levels");
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatThrownBy(() -> Rule.compile("facilities\u0000", RubricType.POINT))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("\\u0000");
    }
}
