package org.tsbase.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tsbase.events.CreditCode;

class CreditCodesTest {

    @Test
    void everyCodeIsValidDistinctAndAShijingshanEnterprise() {
        CreditCodes codes = new CreditCodes("B7K");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = codes.next();
            assertThat(CreditCode.defect(code)).as(code).isEmpty();
            assertThat(code).startsWith("91110107B7K");
            assertThat(seen.add(code)).as("distinct: " + code).isTrue();
        }
    }

    @Test
    void theLastCodeOfARunIsValidAndThenThereAreNoMore() {
        CreditCodes codes = new CreditCodes("000");
        String last = codes.code(CreditCodes.PER_RUN - 1);
        assertThat(last).startsWith("91110107000YYYYY");
        assertThat(CreditCode.isValid(last)).isTrue();
        assertThatThrownBy(() -> codes.code(CreditCodes.PER_RUN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runsWithDifferentPrefixesNeverShareACode() {
        assertThat(new CreditCodes("AAA").code(7)).isNotEqualTo(new CreditCodes("AAB").code(7));
    }

    @Test
    void aNewRunGetsAValidRandomPrefix() {
        String code = CreditCodes.forNewRun().next();
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @Test
    void prefixesOutsideTheAlphabetAreRefused() {
        assertThatThrownBy(() -> new CreditCodes("AIO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditCodes("AB")).isInstanceOf(IllegalArgumentException.class);
    }
}
