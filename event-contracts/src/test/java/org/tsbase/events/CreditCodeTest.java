package org.tsbase.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.tsbase.events.CreditCode.Defect;

class CreditCodeTest {

    @ParameterizedTest(name = "{0} is valid ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            91110107MA01B2C34M | 北京石景山示范科技有限公司 (demo)
            91110107MA04D5E63X | 北京京西智造有限公司 (demo, check character X)
            91110107MA07F8G926 | 石景山数字创新产业园运营管理有限公司 (demo)
            91350100M000100Y43 | the example printed with GB 32100-2015
            """)
    void validCodes(String code, String what) {
        assertThat(CreditCode.defect(code)).isEmpty();
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            91110107MA01B2C34            | LENGTH                  | 17 characters
            91110107MA01B2C34MM          | LENGTH                  | 19 characters
            91110107ma01b2c34m           | CHARACTER               | lower case is not the standard's alphabet
            91110107MA01B2C34I           | CHARACTER               | I is not in the alphabet
            91110107MA01B2C3OM           | CHARACTER               | O is not in the alphabet
            91110107MA01B2C3 M           | CHARACTER               | a blank
            9111010ZMA01B2C34M           | CHARACTER               | Z is not in the alphabet
            911101A7MA01B2C34M           | DIVISION                | positions 3-8 are the division code: digits only
            91110107MA01B2C35M           | ORGANIZATION_CODE_CHECK | position 17 must be the GB 11714 check of positions 9-16
            91110107MA01B2C34N           | CHECK_CHARACTER         | position 18 is the check character
            91110108MA01B2C34M           | CHECK_CHARACTER         | one digit of the division changed
            """)
    void invalidCodes(String code, Defect defect, String why) {
        assertThat(CreditCode.defect(code)).contains(defect);
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingCodeHasTheWrongLength(String code) {
        assertThat(CreditCode.defect(code)).isEqualTo(Optional.of(Defect.LENGTH));
    }

    @ParameterizedTest(name = "organisation code {0} has check {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MA01B2C3 | 4
            MA04D5E6 | 3
            MA07F8G9 | 2
            M000100Y | 4
            00000030 | X
            00000000 | 0
            """)
    void organizationCodeCheckOfGb11714(String body, char check) {
        assertThat(CreditCode.organizationCodeCheck(body)).isEqualTo(check);
    }

    @Test
    void checkCharacterCompletesAnyValidPrefix() {
        String prefix = "91110107MA01B2C34";
        char check = CreditCode.checkCharacter(prefix);
        assertThat(check).isEqualTo('M');
        for (char other : CreditCode.ALPHABET.toCharArray()) {
            assertThat(CreditCode.isValid(prefix + other)).isEqualTo(other == check);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"91110107MA01B2C3", "12100000D2612345", "Y1110107T0000001"})
    void completedCodesAreValid(String first16) {
        org.assertj.core.api.Assertions.assertThat(CreditCode.isValid(CreditCode.complete(first16))).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"91110108551385082Q", "12100000400000624D",
            "91350100M000100Y43", "9111000010000640XM", "91110107MA0BJ8K93U"})
    void realShapesOfCodesAreValid(String code) {
        org.assertj.core.api.Assertions.assertThat(CreditCode.isValid(code)).as(code).isTrue();
    }
}
