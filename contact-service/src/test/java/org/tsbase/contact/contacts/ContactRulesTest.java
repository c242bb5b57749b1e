package org.tsbase.contact.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tsbase.support.web.ApiException.FieldProblem;

/** One row per rule of the contact form and its boundaries; each problem names its field. */
class ContactRulesTest {

    static ContactForm valid() {
        return new ContactForm("张三", "法务部", "法务经理", "010-88797656", "13812345678", "zhangsan@example.com",
                "工作日 9:00-17:00", List.of(Channel.EMAIL));
    }

    static List<String> problems(ContactForm form) {
        return ContactRules.check(form.normalized()).stream().map(p -> p.field() + ":" + p.message()).toList();
    }

    @Test
    void aCompleteFormHasNoProblem() {
        assertThat(problems(valid())).isEmpty();
    }

    @ParameterizedTest(name = "officePhone {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            010-88797656  | ok
            01088797656   | ok
            88797656      | ok
            0755-23456789 | ok
            0571-8765432  | ok
            010-88797656-123 | ok
            8879765       | ok
            010-08797656  | invalid
            879765        | invalid
            13812345678   | invalid
            (010)88797656 | invalid
            010 88797656  | invalid
            abc           | invalid
            """)
    void officePhoneIsALandlineWithOrWithoutAreaCode(String phone, String expected) {
        ContactForm f = valid();
        var form = new ContactForm(f.name(), f.department(), f.title(), phone, f.mobilePhone(), f.email(),
                f.remarks(), f.channels());
        assertThat(problems(form)).isEqualTo(expected.equals("ok") ? List.of()
                : List.of("officePhone:contact.officePhone.invalid"));
    }

    @ParameterizedTest(name = "mobilePhone {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            13812345678  | ok
            19912345678  | ok
            15000000000  | ok
            12812345678  | invalid
            10812345678  | invalid
            1381234567   | invalid
            138123456789 | invalid
            +8613812345678 | invalid
            138-1234-5678 | invalid
            """)
    void mobilePhoneIsAMainlandMobileNumber(String phone, String expected) {
        ContactForm f = valid();
        var form = new ContactForm(f.name(), f.department(), f.title(), f.officePhone(), phone, f.email(),
                f.remarks(), f.channels());
        assertThat(problems(form)).isEqualTo(expected.equals("ok") ? List.of()
                : List.of("mobilePhone:contact.mobilePhone.invalid"));
    }

    @ParameterizedTest(name = "email {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zhangsan@example.com        | ok
            zhang.san+tsbase@mail.sjs.gov.cn | ok
            a@b.cn                      | ok
            zhangsan@                   | invalid
            zhangsan@example            | invalid
            @example.com                | invalid
            zhang san@example.com       | invalid
            zhangsan@@example.com       | invalid
            """)
    void emailIsAnAddress(String email, String expected) {
        ContactForm f = valid();
        var form = new ContactForm(f.name(), f.department(), f.title(), f.officePhone(), f.mobilePhone(), email,
                f.remarks(), f.channels());
        assertThat(problems(form)).isEqualTo(expected.equals("ok") ? List.of() : List.of("email:contact.email.invalid"));
    }

    @ParameterizedTest(name = "{0} of {1} characters (max {2})")
    @CsvSource(delimiter = '|', textBlock = """
            name       | 50  | 50
            name       | 51  | 50
            department | 100 | 100
            department | 101 | 100
            title      | 50  | 50
            title      | 51  | 50
            remarks    | 500 | 500
            remarks    | 501 | 500
            """)
    void lengthLimitsCountCharactersNotBytes(String field, int length, int max) {
        String text = "商".repeat(length);
        ContactForm f = valid();
        var form = new ContactForm(field.equals("name") ? text : f.name(),
                field.equals("department") ? text : f.department(), field.equals("title") ? text : f.title(),
                f.officePhone(), f.mobilePhone(), f.email(), field.equals("remarks") ? text : f.remarks(),
                f.channels());
        List<FieldProblem> problems = ContactRules.check(form.normalized());
        if (length <= max) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).isEqualTo("contact." + field + ".too-long");
                assertThat(Arrays.asList(p.args())).containsExactly(String.valueOf(max));
            });
        }
    }

    @Test
    void nameIsRequiredAndBlankCountsAsMissing() {
        var form = new ContactForm("   ", null, null, null, null, "a@b.cn", null, List.of(Channel.EMAIL));
        assertThat(problems(form)).containsExactly("name:contact.name.required");
    }

    @Test
    void channelsMustNotBeEmptyAndEachNeedsItsAddress() {
        assertThat(problems(new ContactForm("张三", null, null, null, null, "a@b.cn", null, List.of())))
                .containsExactly("channels:contact.channels.required");
        assertThat(problems(new ContactForm("张三", null, null, null, null, "a@b.cn", null, null)))
                .containsExactly("channels:contact.channels.required");
        assertThat(problems(new ContactForm("张三", null, null, null, "13812345678", " ", null, List.of(Channel.EMAIL))))
                .containsExactly("email:contact.email.required-for-channel");
        assertThat(problems(new ContactForm("张三", null, null, null, null, "a@b.cn", null, List.of(Channel.SMS))))
                .containsExactly("mobilePhone:contact.mobilePhone.required-for-channel");
        assertThat(problems(new ContactForm("张三", null, null, null, "13812345678", "a@b.cn", null,
                List.of(Channel.SMS, Channel.EMAIL, Channel.SMS)))).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var form = new ContactForm(null, null, null, "12", "123", "x", null, List.of());
        assertThat(problems(form)).containsExactly("name:contact.name.required",
                "officePhone:contact.officePhone.invalid", "mobilePhone:contact.mobilePhone.invalid",
                "email:contact.email.invalid", "channels:contact.channels.required");
    }

    @Test
    void normalizingTrimsBlanksAndDropsRepeatedChannels() {
        var form = new ContactForm(" 张三 ", "", null, null, null, " a@b.cn ", "  ",
                List.of(Channel.EMAIL, Channel.EMAIL)).normalized();
        assertThat(form).isEqualTo(new ContactForm("张三", null, null, null, null, "a@b.cn", null,
                List.of(Channel.EMAIL)));
    }

    @ParameterizedTest(name = "credit code {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            91110107MA01B2C34M | ok
            91110107MA01B2C34  | contact.creditCode.length
            91110107MA01B2C34I | contact.creditCode.character
            911101A7MA01B2C34M | contact.creditCode.division
            91110107MA01B2C35M | contact.creditCode.organization-code-check
            91110107MA01B2C34N | contact.creditCode.check-character
            """)
    void creditCodeProblemsNameTheirCause(String code, String expected) {
        List<String> problems = ContactRules.checkCreditCode(code).stream()
                .map(p -> p.field() + ":" + p.message()).toList();
        assertThat(problems).isEqualTo(expected.equals("ok") ? List.of() : List.of("creditCode:" + expected));
    }

    @ParameterizedTest(name = "name with U+{0}")
    @CsvSource({"0000", "001b", "0007", "007f", "0085"})
    void controlCharactersAreRefusedInNames(String hex) {
        ContactForm f = valid();
        String name = "张" + (char) Integer.parseInt(hex, 16) + "三";
        var form = new ContactForm(name, name, name, f.officePhone(), f.mobilePhone(), f.email(), name,
                f.channels());
        assertThat(problems(form)).containsExactly("name:contact.name.control-characters",
                "department:contact.department.control-characters", "title:contact.title.control-characters",
                "remarks:contact.remarks.control-characters");
    }

    @Test
    void remarksMayHaveLineBreaksAndTabs() {
        ContactForm f = valid();
        var form = new ContactForm(f.name(), f.department(), f.title(), f.officePhone(), f.mobilePhone(), f.email(),
                "工作日\r\n\t9:00-17:00", f.channels());
        assertThat(problems(form)).isEmpty();
    }

    @Test
    void aChannelListLongerThanTwiceEachChannelIsRefusedAsReceived() {
        ContactForm f = valid();
        var four = new ContactForm(f.name(), f.department(), f.title(), f.officePhone(), f.mobilePhone(), f.email(),
                f.remarks(), List.of(Channel.EMAIL, Channel.EMAIL, Channel.SMS, Channel.SMS));
        assertThat(ContactRules.checkAsReceived(four)).isEmpty();
        var five = new ContactForm(f.name(), f.department(), f.title(), f.officePhone(), f.mobilePhone(), f.email(),
                f.remarks(), java.util.Collections.nCopies(5, Channel.EMAIL));
        assertThat(ContactRules.checkAsReceived(five)).extracting(FieldProblem::field).containsExactly("channels");
    }
}
