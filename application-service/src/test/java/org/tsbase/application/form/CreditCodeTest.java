package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** 统一社会信用代码 as GB 32100-2015 defines it: alphabet, digits at 3–8, the organisation-code check, the final check. */
class CreditCodeTest {

    @ParameterizedTest(name = "{0} is valid")
    @ValueSource(strings = {
            "91110107MA01B2C34M", // the demo organisations of docs/conventions.md
            "91110107MA04D5E63X",
            "91110107MA07F8G926",
            "91110107MA0BJ8K93U",
            "91110108551385082Q", // an organisation code of digits only
            "12100000400000624D", // a public institution (1 = 机构编制, 2 = 事业单位)
            "91350100M000100Y43", // the example of GB 32100-2015 itself
            "9111000010000640XM", // organisation check character X
    })
    void validCodes(String code) {
        assertThat(CreditCode.check(code)).as(code).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // wrong length
            "91110107MA01B2C34, FORMAT",
            "91110107MA01B2C34MX, FORMAT",
            // letters outside the alphabet (I, O, S, V, Z) or lower case
            "91110107MA01B2C3IM, FORMAT",
            "91110107MAO1B2C34M, FORMAT",
            "91110107MS01B2C34M, FORMAT",
            "91110107MV01B2C34M, FORMAT",
            "9111010ZMA01B2C34M, FORMAT",
            "91110107ma01b2c34m, FORMAT",
            // positions 3–8 are the administrative division: digits only
            "911A0107MA01B2C34M, FORMAT",
            // position 17 is the organisation code's check character (MA01B2C3 → 4)
            "91110107MA01B2C35M, ORGANIZATION_CHECK",
            // position 18 is the check character over 1–17
            "91110107MA01B2C34N, CHECK",
            "91110107MA04D5E630, CHECK",
            "91110107MA07F8G927, CHECK",
    })
    void invalidCodes(String code, CreditCode.Problem problem) {
        assertThat(CreditCode.check(code)).as(code).isEqualTo(Optional.of(problem));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" 91110107MA01B2C34M", "91110107MA01B2C34M ", "91110107-MA01B2C3"})
    void blanksAndSeparatorsAreNotCodes(String code) {
        assertThat(CreditCode.check(code)).contains(CreditCode.Problem.FORMAT);
    }

    @ParameterizedTest
    @CsvSource({"MA01B2C3, 4", "MA04D5E6, 3", "MA07F8G9, 2", "M000100Y, 4", "55138508, 2", "10000640, X", "00000000, 0"})
    void organisationCodeCheckOfGb11714(String body, char check) {
        assertThat(CreditCode.organizationCheck(body)).isEqualTo(check);
    }

    @ParameterizedTest
    @ValueSource(strings = {"91110107MA01B2C3", "12100000D2612345", "Y1110107T0000001"})
    void completedCodesAreValid(String first16) {
        assertThat(CreditCode.isValid(CreditCode.complete(first16))).isTrue();
    }
}
