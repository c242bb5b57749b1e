package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rule language: exact numbers, precedence, operators; facts here are fixed sample values. */
class RuleLanguageTest {

    private static final Map<String, Object> FACTS = Map.of(
            "partTimeStaff", Fraction.of(3),
            "fullTimeStaff", Fraction.of(1),
            "totalStaff", Fraction.of(3),
            "trainedStaff", Fraction.of(1),
            "facilities", true,
            "fixedOffice", false,
            "annualBudgetYuan", Fraction.of(new java.math.BigDecimal("0.10")),
            "mechanisms", Set.of("PERSONNEL", "DOCUMENTS"));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            trainedStaff / totalStaff * 3 == 1                       | true
            trainedStaff / totalStaff >= 33.33%                      | true
            trainedStaff / totalStaff > 33.34%                       | false
            annualBudgetYuan == 0.1                                  | true
            annualBudgetYuan * 3 == 0.3                              | true
            partTimeStaff + fullTimeStaff * 2 == 5                   | true
            (partTimeStaff + fullTimeStaff) * 2 == 8                 | true
            partTimeStaff - fullTimeStaff - 1 == 1                   | true
            -partTimeStaff + 4 == 1                                  | true
            12 / partTimeStaff / 2 == 2                              | true
            facilities && !fixedOffice                               | true
            `!facilities || fixedOffice`                             | false
            `facilities || fixedOffice && false`                     | true
            mechanisms contains 'PERSONNEL'                          | true
            mechanisms contains "DOCUMENTS"                          | true
            !(mechanisms contains 'CARRIERS')                        | true
            facilities == true                                       | true
            fixedOffice != false                                     | false
            25% == 0.25                                              | true
            100% == 1                                                | true
            """)
    void evaluatesExactly(String rule, boolean expected) throws RuleSyntaxException {
        assertThat(Rule.compile(rule, RubricType.POINT).test(FACTS::get)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "refused: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            partTimeStaff > 1 > 0                    | comparisons do not chain
            mechanisms == 'PERSONNEL'                | codes can only be tested with contains
            partTimeStaff contains 'PERSONNEL'       | needs a codes here
            'PERSONNEL' == 'PERSONNEL'               | codes can only be tested with contains
            facilities + 1 > 0                       | needs a number here, found a boolean
            !partTimeStaff                           | needs a boolean here, found a number
            (facilities                              | ')' expected
            facilities)                              | unexpected ')'
            1. > 0                                   | digits after the decimal point
            2x > 1                                   | a name cannot start right after a number
            'PERSONNEL                               | text is not closed
            'PER SONNEL' == 1                        | a code may hold only letters
            ``                                       | rule is empty
            """)
    void malformedRulesAreRefused(String rule, String reason) {
        assertThatThrownBy(() -> Rule.compile(rule == null ? "" : rule, RubricType.POINT))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining(reason);
    }

    @Test
    void divisionByZeroIsReportedNotHidden() throws RuleSyntaxException {
        Rule rule = Rule.compile("trainedStaff / (totalStaff - 3) > 1", RubricType.POINT);

        assertThatThrownBy(() -> rule.test(FACTS::get)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aRuleKnowsWhichFactsItReadsAndWhichItDividesBy() throws RuleSyntaxException {
        Rule rule = Rule.compile("eventsWithLedgerInPeriod >= 3 && enterprisesTrained / enterprisesInPark >= 50%",
                RubricType.ZONE);

        assertThat(rule.factNames()).containsExactly("eventsWithLedgerInPeriod", "enterprisesTrained", "enterprisesInPark");
        assertThat(rule.divisorFacts()).containsExactly("enterprisesInPark");
    }
}
