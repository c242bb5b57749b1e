package org.tsbase.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "13812345678, 138****5678",
            "010-88797656, 010****7656",
            "88797656, ****7656",
            "1234, ****"})
    void phonesKeepOnlyWhatIdentifiesNobody(String phone, String masked) {
        assertThat(Masking.phone(phone)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"张三, 张*", "欧阳小明, 欧***", "李, 李*"})
    void namesKeepTheirFirstCharacter(String name, String masked) {
        assertThat(Masking.name(name)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"zhang.san@example.com, z***@example.com", "not-an-address, not-an-address"})
    void emailsKeepTheirDomain(String email, String masked) {
        assertThat(Masking.email(email)).isEqualTo(masked);
    }
}
