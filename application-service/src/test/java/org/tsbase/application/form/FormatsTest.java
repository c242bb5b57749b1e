package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Postal codes, mainland mobile numbers, landlines with or without area code, e-mail addresses. */
class FormatsTest {

    @ParameterizedTest(name = "phone {0}: {1}")
    @CsvSource({
            "13812345678, true",
            "19912345678, true",
            "010-88797656, true",   // the notice's own number, with area code
            "88797656, true",       // and without
            "0512-6788123, true",   // four-digit area code, seven-digit number
            "010-88797656-123, true", // extension
            "12812345678, false",   // 12x is no mobile prefix
            "1381234567, false",    // 10 digits
            "138123456789, false",  // 12 digits
            "+8613812345678, false",
            "010 88797656, false",
            "01088797656, false",   // area code without the hyphen is ambiguous
            "08797656, false",      // a local number does not start with 0
            "1234567, false",
            "abc, false",
            "'', false",
    })
    void phones(String phone, boolean valid) {
        assertThat(Formats.phone(phone)).as(phone).isEqualTo(valid);
    }

    @ParameterizedTest(name = "mobile {0}: {1}")
    @CsvSource({"13812345678, true", "010-88797656, false", "88797656, false"})
    void mobiles(String phone, boolean mobile) {
        assertThat(Formats.mobile(phone)).isEqualTo(mobile);
    }

    @ParameterizedTest(name = "postal code {0}: {1}")
    @CsvSource({"100043, true", "000000, true", "10004, false", "1000433, false", "10004A, false", "'', false"})
    void postalCodes(String code, boolean valid) {
        assertThat(Formats.postalCode(code)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "e-mail {0}: {1}")
    @CsvSource({
            "li@example.com, true",
            "zhang.san+tsbase@mail.example.cn, true",
            "wu.lianluo@jingxi.example, true",
            "a@b.co, true",
            "plainaddress, false",
            "@example.com, false",
            "li@, false",
            "li@example, false",
            "li..x@example.com, false",
            ".li@example.com, false",
            "li@-example.com, false",
            "li @example.com, false",
            "李@example.com, false",
    })
    void emails(String email, boolean valid) {
        assertThat(Formats.email(email)).as(email).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void overlongEmailIsRefused() {
        assertThat(Formats.email("a".repeat(95) + "@x.com")).isFalse();
    }
}
