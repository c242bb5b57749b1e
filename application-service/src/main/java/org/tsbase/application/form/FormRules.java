package org.tsbase.application.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tsbase.application.web.Problems;
import org.tsbase.events.CreditCode;

/**
 * What every value present in a form must satisfy, draft or not: formats (credit codes, postal codes, phones,
 * e-mail), whole non-negative counts, parts not above their wholes, wholes used as divisors at least 1, money not
 * negative, real dates within sane bounds, texts within their lengths, lists without duplicates. Missing values
 * are not checked here: {@link Completeness} does that at submission.
 */
public final class FormRules {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int MAX_COUNT = 1_000_000;
    static final int MAX_EMPLOYEES = 10_000_000;
    static final BigDecimal MAX_MONEY = new BigDecimal("1000000000000");
    static final int NAME = 100;
    static final int PERSON = 50;
    static final int SHORT = 50;
    static final int ADDRESS = 200;
    public static final int DESCRIPTION = 5000;
    static final int MAX_DATED = 200;

    private final Problems p;
    private final LocalDate today;

    private FormRules(Problems problems, LocalDate today) {
        this.p = problems;
        this.today = today;
    }

    /** Checks what is there; {@code today} (Beijing time) bounds dates. */
    public static void check(ApplicationForm form, LocalDate today, Problems problems) {
        FormRules r = new FormRules(problems, today);
        if (form instanceof PointForm f) {
            r.point(f.organization());
            r.pointEvidence(f.evidence());
        } else if (form instanceof ZoneForm f) {
            r.zone(f.organization());
            r.zoneEvidence(f.evidence(), f.organization());
        }
        r.contact(form.contact());
        r.text("workDescription", form.workDescription(), DESCRIPTION);
        ApplicantOpinion o = form.applicantOpinion();
        if (o != null) {
            r.text("applicantOpinion.signatory", o.signatory(), PERSON);
            r.date("applicantOpinion.date", o.date());
        }
    }

    private void point(PointOrganization o) {
        if (o == null) {
            return;
        }
        creditCode("organization.creditCode", o.creditCode());
        text("organization.name", o.name(), NAME);
        text("organization.legalRepresentative", o.legalRepresentative(), PERSON);
        text("organization.address", o.address(), ADDRESS);
        postalCode("organization.postalCode", o.postalCode());
        text("organization.enterpriseType", o.enterpriseType(), SHORT);
        text("organization.industry", o.industry(), SHORT);
        money("organization.annualOutputWanYuan", o.annualOutputWanYuan(), 4);
        count("organization.employeeCount", o.employeeCount(), MAX_EMPLOYEES);
        if (o.parkCreditCode() != null) {
            creditCode("organization.parkCreditCode", o.parkCreditCode());
            if (o.parkCreditCode().equals(o.creditCode())) {
                p.add("organization.parkCreditCode", "v.park-is-self");
            }
        }
    }

    private void zone(ZoneOrganization o) {
        if (o == null) {
            return;
        }
        creditCode("organization.creditCode", o.creditCode());
        text("organization.name", o.name(), NAME);
        text("organization.head", o.head(), PERSON);
        text("organization.address", o.address(), ADDRESS);
        postalCode("organization.postalCode", o.postalCode());
        text("organization.parkType", o.parkType(), SHORT);
        divisor("organization.enterprisesInPark", o.enterprisesInPark());
        money("organization.parkOutputWanYuan", o.parkOutputWanYuan(), 4);
    }

    private void contact(Contact c) {
        if (c == null) {
            return;
        }
        text("contact.name", c.name(), PERSON);
        text("contact.title", c.title(), SHORT);
        if (c.phone() != null && !Formats.phone(c.phone())) {
            p.add("contact.phone", "v.phone");
        }
        if (c.email() != null && !Formats.email(c.email())) {
            p.add("contact.email", "v.email");
        }
    }

    private void pointEvidence(PointEvidence e) {
        if (e == null) {
            return;
        }
        String x = "evidence.";
        count(x + "partTimeStaff", e.partTimeStaff(), MAX_COUNT);
        count(x + "fullTimeStaff", e.fullTimeStaff(), MAX_COUNT);
        count(x + "fullTimeStaffWithCollegeDegree", e.fullTimeStaffWithCollegeDegree(), MAX_COUNT);
        part(x + "fullTimeStaffWithCollegeDegree", e.fullTimeStaffWithCollegeDegree(), x + "fullTimeStaff",
                e.fullTimeStaff());
        money(x + "annualBudgetYuan", e.annualBudgetYuan(), 2);
        distinct(x + "mechanisms", e.mechanisms());
        if (e.annualPlan() != null) {
            distinct(x + "annualPlan.covers", e.annualPlan().covers());
        }
        divisor(x + "totalStaff", e.totalStaff());
        count(x + "trainedStaff", e.trainedStaff(), MAX_COUNT);
        part(x + "trainedStaff", e.trainedStaff(), x + "totalStaff", e.totalStaff());
        count(x + "casesAssisted", e.casesAssisted(), MAX_COUNT);
        eachOf(x + "trainings", e.trainings(), (at, t) -> {
            date(at + ".date", t.date());
            count(at + ".attendees", t.attendees(), MAX_COUNT);
            part(at + ".attendees", t.attendees(), x + "totalStaff", e.totalStaff());
        });
        eachOf(x + "inspections", e.inspections(), (at, in) -> date(at + ".date", in.date()));
    }

    private void zoneEvidence(ZoneEvidence e, ZoneOrganization o) {
        if (e == null) {
            return;
        }
        String x = "evidence.";
        String whole = "organization.enterprisesInPark";
        Integer inPark = o == null ? null : o.enterprisesInPark();
        for (var part : List.of(
                new Part("enterprisesDoingProtection", e.enterprisesDoingProtection()),
                new Part("enterprisesMeetingPointStandard", e.enterprisesMeetingPointStandard()),
                new Part("enterprisesVisited", e.enterprisesVisited()),
                new Part("enterprisesGuided", e.enterprisesGuided()),
                new Part("enterprisesTrained", e.enterprisesTrained()),
                new Part("enterprisesRiskAssessed", e.enterprisesRiskAssessed()))) {
            count(x + part.name(), part.value(), MAX_COUNT);
            part(x + part.name(), part.value(), whole, inPark);
        }
        part(x + "enterprisesMeetingPointStandard", e.enterprisesMeetingPointStandard(),
                x + "enterprisesDoingProtection", e.enterprisesDoingProtection());
        count(x + "partTimeStaff", e.partTimeStaff(), MAX_COUNT);
        count(x + "fullTimeStaff", e.fullTimeStaff(), MAX_COUNT);
        count(x + "fullTimeStaffWithCollegeDegree", e.fullTimeStaffWithCollegeDegree(), MAX_COUNT);
        part(x + "fullTimeStaffWithCollegeDegree", e.fullTimeStaffWithCollegeDegree(), x + "fullTimeStaff",
                e.fullTimeStaff());
        money(x + "annualBudgetYuan", e.annualBudgetYuan(), 2);
        distinct(x + "mechanisms", e.mechanisms());
        if (e.annualPlan() != null) {
            distinct(x + "annualPlan.covers", e.annualPlan().covers());
        }
        count(x + "rightsCasesHelped", e.rightsCasesHelped(), MAX_COUNT);
        eachOf(x + "events", e.events(), (at, ev) -> {
            date(at + ".date", ev.date());
            text(at + ".kind", ev.kind(), SHORT);
        });
    }

    /** Checks each entry of a dated list ({@code field[i]}); a null entry is itself a problem. */
    private <T> void eachOf(String field, List<T> items, java.util.function.BiConsumer<String, T> check) {
        if (listSize(field, items)) {
            for (int i = 0; i < items.size(); i++) {
                String at = field + "[" + i + "]";
                T item = items.get(i);
                if (item == null) {
                    p.add(at, "v.required");
                } else {
                    check.accept(at, item);
                }
            }
        }
    }

    private record Part(String name, Integer value) {
    }

    // ------------------------------------------------------------------ single values

    private void creditCode(String field, String code) {
        if (code != null) {
            CreditCode.defect(code).ifPresent(defect -> p.add(field, messageCode(defect)));
        }
    }

    /** The form's wording: a code of the wrong shape, or one whose check characters do not match. */
    static String messageCode(CreditCode.Defect defect) {
        return switch (defect) {
            case LENGTH, CHARACTER, DIVISION -> "v.credit-code.format";
            case ORGANIZATION_CODE_CHECK -> "v.credit-code.org-check";
            case CHECK_CHARACTER -> "v.credit-code.check";
        };
    }

    private void postalCode(String field, String code) {
        if (code != null && !Formats.postalCode(code)) {
            p.add(field, "v.postal-code");
        }
    }

    private void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            p.add(field, "v.blank");
        } else if (value.codePointCount(0, value.length()) > max) {
            p.add(field, "v.too-long", String.valueOf(max));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            p.add(field, "v.control-characters");
        }
    }

    private void count(String field, Integer value, int max) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            p.add(field, "v.negative");
        } else if (value > max) {
            p.add(field, "v.max", String.valueOf(max));
        }
    }

    /** A whole that a ratio divides by: at least 1. */
    private void divisor(String field, Integer value) {
        if (value == null) {
            return;
        }
        if (value < 1) {
            p.add(field, "v.divisor");
        } else {
            count(field, value, MAX_COUNT);
        }
    }

    private void part(String field, Integer part, String wholeField, Integer whole) {
        if (part != null && whole != null && part >= 0 && whole >= 0 && part > whole) {
            p.add(field, "v.part-exceeds-whole", Problems.label(wholeField), String.valueOf(whole));
        }
    }

    private void money(String field, BigDecimal value, int maxScale) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            p.add(field, "v.negative");
        } else if (value.compareTo(MAX_MONEY) > 0) {
            p.add(field, "v.max", MAX_MONEY.toPlainString());
        } else if (value.stripTrailingZeros().scale() > maxScale) {
            p.add(field, "v.scale", String.valueOf(maxScale));
        }
    }

    private void date(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(today))) {
            p.add(field, "v.date-range", EARLIEST.toString(), today.toString());
        }
    }

    private boolean listSize(String field, List<?> list) {
        if (list == null) {
            return false;
        }
        if (list.size() > MAX_DATED) {
            p.add(field, "v.too-many", String.valueOf(MAX_DATED));
            return false;
        }
        return true;
    }

    private void distinct(String field, List<?> values) {
        if (values == null) {
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                p.add(field + "[" + i + "]", "v.required");
            } else if (!seen.add(v)) {
                p.add(field, "v.duplicate", v.toString());
            }
        }
    }
}
