package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tsbase.application.form.FormFixtures.body;
import static org.tsbase.application.form.FormFixtures.problems;
import static org.tsbase.application.form.FormFixtures.quoted;
import static org.tsbase.application.form.FormFixtures.with;

import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException.FieldProblem;

/** The type-dependent parts are read strictly: nothing unknown, nothing coerced, no operator or path keys. */
class FormReaderTest {

    static final ApplicationType P = ApplicationType.POINT;
    static final ApplicationType Z = ApplicationType.ZONE;

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(P, "/evidence/partTimeStaff", "1.5", "evidence.partTimeStaff", "problem.bad-value"),
                Arguments.of(P, "/evidence/partTimeStaff", "2.0", "evidence.partTimeStaff", "problem.bad-value"),
                Arguments.of(P, "/evidence/partTimeStaff", quoted("5"), "evidence.partTimeStaff", "problem.bad-value"),
                Arguments.of(P, "/evidence/partTimeStaff", "99999999999", "evidence.partTimeStaff", "problem.bad-value"),
                Arguments.of(P, "/evidence/fixedOffice", quoted("true"), "evidence.fixedOffice", "problem.bad-value"),
                Arguments.of(P, "/evidence/fixedOffice", "1", "evidence.fixedOffice", "problem.bad-value"),
                Arguments.of(P, "/evidence/mechanisms", "[\"VISITS\"]", "evidence.mechanisms[0]", "problem.bad-value"),
                Arguments.of(Z, "/evidence/mechanisms", "[\"PERSONNEL\"]", "evidence.mechanisms[0]", "problem.bad-value"),
                Arguments.of(P, "/evidence/trainings/0/date", quoted("2023-02-30"), "evidence.trainings[0].date",
                        "problem.bad-value"),
                Arguments.of(P, "/evidence/trainings/0/date", quoted("30.05.2023"), "evidence.trainings[0].date",
                        "problem.bad-value"),
                Arguments.of(P, "/organization/postalCode", "100043", "organization.postalCode", "problem.bad-value"),
                Arguments.of(P, "/organization", "[]", "organization", "problem.bad-value"),
                Arguments.of(P, "/evidence", quoted("all good"), "evidence", "problem.bad-value"),
                // fields of the other type, and fields nobody defined
                Arguments.of(P, "/organization/head", quoted("钱园长"), "organization.head", "problem.unknown-field"),
                Arguments.of(Z, "/organization/legalRepresentative", quoted("王"), "organization.legalRepresentative",
                        "problem.unknown-field"),
                Arguments.of(P, "/evidence/enterprisesVisited", "3", "evidence.enterprisesVisited", "problem.unknown-field"),
                Arguments.of(Z, "/evidence/leadershipBody/ledByPrincipal", "true",
                        "evidence.leadershipBody.ledByPrincipal", "problem.unknown-field"),
                Arguments.of(P, "/evidence/score", "90", "evidence.score", "problem.unknown-field"),
                // keys a document store would read as operators or paths
                Arguments.of(P, "/evidence/$ne", "1", "evidence.$ne", "v.key-forbidden"),
                Arguments.of(P, "/organization/creditCode", "{\"$ne\": null}", "organization.creditCode.$ne",
                        "v.key-forbidden"),
                Arguments.of(Z, "/evidence/events/0/$where", quoted("1 == 1"), "evidence.events[0].$where",
                        "v.key-forbidden"),
                Arguments.of(P, "/evidence/office.established", "true", "evidence.office.established",
                        "v.key-forbidden"));
    }

    @ParameterizedTest(name = "{0} {1} = {2} → {3} {4}")
    @MethodSource("refused")
    void refusedNotIgnored(ApplicationType type, String pointer, String value, String field, String code) {
        assertThat(problems(with(body(type), pointer, value)))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(Tuple.tuple(field, code));
    }

    @Test
    void absentPartsAreSimplyMissingInADraft() {
        Problems p = new Problems();
        ApplicationForm form = FormReader.read(Z, null, null, null, null, null, p);
        assertThat(p.isEmpty()).isTrue();
        assertThat(form).isInstanceOf(ZoneForm.class);
        assertThat(form.organization()).isNull();
    }
}
