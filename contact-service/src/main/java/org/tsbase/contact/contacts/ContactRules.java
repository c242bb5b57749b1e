package org.tsbase.contact.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tsbase.events.CreditCode;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * The rules of 附件6: every problem of a form at once, each naming its field, as message codes of
 * {@code messages*.properties}. Plain Java, tested row by row in {@code ContactRulesTest}.
 */
final class ContactRules {

    static final int NAME_MAX = 50;
    static final int DEPARTMENT_MAX = 100;
    static final int TITLE_MAX = 50;
    static final int REMARKS_MAX = 500;
    static final int EMAIL_MAX = 254;
    /** Each channel once; a list may name one twice (it is de-duplicated), never more than this many entries. */
    static final int CHANNELS_MAX = Channel.values().length * 2;

    /** C0 and C1 control characters (NUL, ESC, DEL …): never in a name, department or title. */
    static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    /** In remarks line breaks and tabs are allowed, other control characters are not. */
    static final Pattern CONTROL_BUT_LINES = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    /** Mainland mobile numbers: 11 digits, 13x to 19x. */
    static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** A landline with or without area code (010-88797656, 0755-23456789, 88797656), optionally an extension. */
    static final Pattern LANDLINE = Pattern.compile("(0\\d{2,3}-?)?[2-9]\\d{6,7}(-\\d{1,6})?");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private ContactRules() {
    }

    static List<FieldProblem> check(ContactForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        if (form.name() == null) {
            problems.add(new FieldProblem("name", "contact.name.required"));
        } else {
            tooLong(problems, "name", form.name(), NAME_MAX);
        }
        tooLong(problems, "department", form.department(), DEPARTMENT_MAX);
        tooLong(problems, "title", form.title(), TITLE_MAX);
        tooLong(problems, "remarks", form.remarks(), REMARKS_MAX);
        control(problems, "name", form.name(), CONTROL);
        control(problems, "department", form.department(), CONTROL);
        control(problems, "title", form.title(), CONTROL);
        control(problems, "remarks", form.remarks(), CONTROL_BUT_LINES);
        if (form.officePhone() != null && !LANDLINE.matcher(form.officePhone()).matches()) {
            problems.add(new FieldProblem("officePhone", "contact.officePhone.invalid"));
        }
        if (form.mobilePhone() != null && !MOBILE.matcher(form.mobilePhone()).matches()) {
            problems.add(new FieldProblem("mobilePhone", "contact.mobilePhone.invalid"));
        }
        if (form.email() != null && (form.email().length() > EMAIL_MAX || !EMAIL.matcher(form.email()).matches())) {
            problems.add(new FieldProblem("email", "contact.email.invalid"));
        }
        if (form.channels().isEmpty()) {
            problems.add(new FieldProblem("channels", "contact.channels.required"));
        }
        if (form.channels().contains(Channel.EMAIL) && form.email() == null) {
            problems.add(new FieldProblem("email", "contact.email.required-for-channel"));
        }
        if (form.channels().contains(Channel.SMS) && form.mobilePhone() == null) {
            problems.add(new FieldProblem("mobilePhone", "contact.mobilePhone.required-for-channel"));
        }
        return problems;
    }

    /**
     * What normalizing would hide: a channels list longer than {@link #CHANNELS_MAX} (100,000 times EMAIL would
     * otherwise be read, de-duplicated and accepted). Checked on the form as it arrived.
     */
    static List<FieldProblem> checkAsReceived(ContactForm received) {
        if (received.channels() != null && received.channels().size() > CHANNELS_MAX) {
            return List.of(new FieldProblem("channels", "contact.channels.too-many", String.valueOf(CHANNELS_MAX)));
        }
        return List.of();
    }

    static List<FieldProblem> checkCreditCode(String creditCode) {
        return CreditCode.defect(creditCode)
                .map(d -> List.of(new FieldProblem("creditCode", "contact.creditCode." + switch (d) {
                    case LENGTH -> "length";
                    case CHARACTER -> "character";
                    case DIVISION -> "division";
                    case ORGANIZATION_CODE_CHECK -> "organization-code-check";
                    case CHECK_CHARACTER -> "check-character";
                })))
                .orElse(List.of());
    }

    private static void control(List<FieldProblem> problems, String field, String value, Pattern forbidden) {
        if (value != null && forbidden.matcher(value).find()) {
            problems.add(new FieldProblem(field, "contact." + field + ".control-characters"));
        }
    }

    private static void tooLong(List<FieldProblem> problems, String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "contact." + field + ".too-long", String.valueOf(max)));
        }
    }
}
