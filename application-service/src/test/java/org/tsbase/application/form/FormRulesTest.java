package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tsbase.application.form.FormFixtures.TODAY;
import static org.tsbase.application.form.FormFixtures.body;
import static org.tsbase.application.form.FormFixtures.problems;
import static org.tsbase.application.form.FormFixtures.quoted;
import static org.tsbase.application.form.FormFixtures.with;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * One row per rule and boundary: counts whole and not negative, no part above its whole, wholes used as divisors at
 * least 1, money not negative, real dates in sane bounds, texts within their lengths, formats of codes and phones.
 */
class FormRulesTest {

    static final ApplicationType P = ApplicationType.POINT;
    static final ApplicationType Z = ApplicationType.ZONE;

    @Test
    void completeFormsOfBothTypesHaveNoProblem() {
        assertThat(problems(body(P))).isEmpty();
        assertThat(problems(body(Z))).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // counts
                row(P, "/evidence/partTimeStaff", "-1", "evidence.partTimeStaff", "v.negative"),
                row(P, "/evidence/casesAssisted", "-2", "evidence.casesAssisted", "v.negative"),
                row(P, "/evidence/casesAssisted", "1000001", "evidence.casesAssisted", "v.max"),
                row(P, "/organization/employeeCount", "-1", "organization.employeeCount", "v.negative"),
                row(Z, "/evidence/enterprisesGuided", "-3", "evidence.enterprisesGuided", "v.negative"),
                row(Z, "/evidence/rightsCasesHelped", "-1", "evidence.rightsCasesHelped", "v.negative"),
                // parts and wholes
                row(P, "/evidence/trainedStaff", "181", "evidence.trainedStaff", "v.part-exceeds-whole"),
                row(P, "/evidence/fullTimeStaffWithCollegeDegree", "2", "evidence.fullTimeStaffWithCollegeDegree",
                        "v.part-exceeds-whole"),
                row(P, "/evidence/trainings/0/attendees", "181", "evidence.trainings[0].attendees",
                        "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesVisited", "121", "evidence.enterprisesVisited", "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesGuided", "121", "evidence.enterprisesGuided", "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesTrained", "121", "evidence.enterprisesTrained", "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesRiskAssessed", "121", "evidence.enterprisesRiskAssessed",
                        "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesDoingProtection", "121", "evidence.enterprisesDoingProtection",
                        "v.part-exceeds-whole"),
                row(Z, "/evidence/enterprisesMeetingPointStandard", "41", "evidence.enterprisesMeetingPointStandard",
                        "v.part-exceeds-whole"),
                // wholes that ratios divide by
                row(P, "/evidence/totalStaff", "0", "evidence.totalStaff", "v.divisor"),
                row(Z, "/organization/enterprisesInPark", "0", "organization.enterprisesInPark", "v.divisor"),
                row(Z, "/organization/enterprisesInPark", "-4", "organization.enterprisesInPark", "v.divisor"),
                // money
                row(P, "/evidence/annualBudgetYuan", "-0.01", "evidence.annualBudgetYuan", "v.negative"),
                row(P, "/evidence/annualBudgetYuan", "100.123", "evidence.annualBudgetYuan", "v.scale"),
                row(P, "/evidence/annualBudgetYuan", "10000000000000", "evidence.annualBudgetYuan", "v.max"),
                row(P, "/organization/annualOutputWanYuan", "-5", "organization.annualOutputWanYuan", "v.negative"),
                row(Z, "/organization/parkOutputWanYuan", "-1", "organization.parkOutputWanYuan", "v.negative"),
                // dates
                row(P, "/evidence/trainings/0/date", quoted("1999-12-31"), "evidence.trainings[0].date", "v.date-range"),
                row(P, "/evidence/trainings/1/date", quoted(TODAY.plusDays(1).toString()), "evidence.trainings[1].date",
                        "v.date-range"),
                row(P, "/evidence/inspections/1/date", quoted("2999-01-01"), "evidence.inspections[1].date",
                        "v.date-range"),
                row(Z, "/evidence/events/2/date", quoted(TODAY.plusDays(3).toString()), "evidence.events[2].date",
                        "v.date-range"),
                row(P, "/applicantOpinion/date", quoted("2099-01-01"), "applicantOpinion.date", "v.date-range"),
                // texts
                row(P, "/organization/name", quoted("名".repeat(101)), "organization.name", "v.too-long"),
                row(P, "/workDescription", quoted("述".repeat(FormRules.DESCRIPTION + 1)), "workDescription",
                        "v.too-long"),
                row(P, "/organization/address", quoted("   "), "organization.address", "v.blank"),
                row(P, "/contact/name", quoted("李\u0000示范"), "contact.name", "v.control-characters"),
                row(Z, "/evidence/events/0/kind", quoted("活".repeat(51)), "evidence.events[0].kind", "v.too-long"),
                // lists
                row(P, "/evidence/mechanisms", "[\"PERSONNEL\", \"PERSONNEL\"]", "evidence.mechanisms", "v.duplicate"),
                row(Z, "/evidence/annualPlan/covers", "[\"VISITS\", \"VISITS\"]", "evidence.annualPlan.covers",
                        "v.duplicate"),
                row(P, "/evidence/annualPlan/covers", "[\"TRAINING\", null]", "evidence.annualPlan.covers[1]",
                        "v.required"),
                row(P, "/evidence/trainings/1", "null", "evidence.trainings[1]", "v.required"),
                // codes and numbers
                row(P, "/organization/creditCode", quoted("91110107MA01B2C34N"), "organization.creditCode",
                        "v.credit-code.check"),
                row(P, "/organization/creditCode", quoted("91110107MA01B2C35M"), "organization.creditCode",
                        "v.credit-code.org-check"),
                row(Z, "/organization/creditCode", quoted("9111010"), "organization.creditCode", "v.credit-code.format"),
                row(P, "/organization/parkCreditCode", quoted("91110107MA07F8G927"), "organization.parkCreditCode",
                        "v.credit-code.check"),
                row(P, "/organization/parkCreditCode", quoted("91110107MA01B2C34M"), "organization.parkCreditCode",
                        "v.park-is-self"),
                row(P, "/organization/postalCode", quoted("10004"), "organization.postalCode", "v.postal-code"),
                row(Z, "/organization/postalCode", quoted("1000411"), "organization.postalCode", "v.postal-code"),
                row(P, "/contact/phone", quoted("12345"), "contact.phone", "v.phone"),
                row(Z, "/contact/phone", quoted("010 88797656"), "contact.phone", "v.phone"),
                row(P, "/contact/email", quoted("not-an-email"), "contact.email", "v.email"));
    }

    @ParameterizedTest(name = "{0} {1} = {2} → {3} {4}")
    @MethodSource("invalid")
    void invalidValuesNameTheirField(ApplicationType type, String pointer, String value, String field, String code) {
        assertThat(problems(with(body(type), pointer, value)))
                .extracting(FieldProblem::field, FieldProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of(P, "/evidence/trainedStaff", "180"), // all trained: the part may equal its whole
                Arguments.of(P, "/evidence/trainedStaff", "0"),
                Arguments.of(P, "/evidence/annualBudgetYuan", "0"),
                Arguments.of(P, "/evidence/annualBudgetYuan", "0.01"),
                Arguments.of(P, "/evidence/trainings/0/date", quoted("2000-01-01")),
                Arguments.of(P, "/evidence/trainings/0/date", quoted(TODAY.toString())),
                Arguments.of(P, "/organization/annualOutputWanYuan", "12.3456"),
                Arguments.of(P, "/organization/name", quoted("名".repeat(100))),
                Arguments.of(P, "/contact/phone", quoted("010-88797656")),
                Arguments.of(P, "/contact/phone", quoted("88797656")),
                Arguments.of(Z, "/evidence/enterprisesVisited", "120"),
                Arguments.of(Z, "/evidence/enterprisesMeetingPointStandard", "40"),
                Arguments.of(Z, "/organization/enterprisesInPark", "110"));
    }

    @ParameterizedTest(name = "{0} {1} = {2} is fine")
    @MethodSource("boundaries")
    void boundaryValuesPass(ApplicationType type, String pointer, String value) {
        assertThat(problems(with(body(type), pointer, value))).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String body = with(with(with(body(P), "/evidence/partTimeStaff", "-1"), "/contact/phone", quoted("1")),
                "/organization/postalCode", quoted("x"));
        assertThat(problems(body)).extracting(FieldProblem::field)
                .contains("evidence.partTimeStaff", "contact.phone", "organization.postalCode");
    }

    @Test
    void theFirstMessageArgumentIsTheFieldLabel() {
        FieldProblem p = problems(with(body(P), "/contact/phone", quoted("1"))).get(0);
        assertThat(p.args()[0]).isInstanceOf(org.springframework.context.MessageSourceResolvable.class);
        assertThat(((org.springframework.context.MessageSourceResolvable) p.args()[0]).getCodes())
                .containsExactly("field.contact.phone");
    }

    private static Arguments row(ApplicationType type, String pointer, String value, String field, String code) {
        return Arguments.of(type, pointer, value, field, code);
    }
}
