package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tsbase.application.form.FormFixtures.body;
import static org.tsbase.application.form.FormFixtures.quoted;
import static org.tsbase.application.form.FormFixtures.with;
import static org.tsbase.application.form.FormFixtures.without;

import org.junit.jupiter.api.Test;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException.FieldProblem;

/** Submission needs every field of the form and every evidence answer; the check names each missing field. */
class CompletenessTest {

    static ApplicationForm form(String body) {
        Problems p = new Problems();
        ApplicationForm form = FormFixtures.read(body, p);
        assertThat(p.isEmpty()).as(p.fields().toString()).isTrue();
        return form;
    }

    @Test
    void completeFormsOfBothTypesAreComplete() {
        assertThat(Completeness.missing(form(body(ApplicationType.POINT)))).isEmpty();
        assertThat(Completeness.missing(form(body(ApplicationType.ZONE)))).isEmpty();
    }

    @Test
    void anEmptyPointDraftListsEveryFieldOfTheForm() {
        ApplicationForm empty = new PointForm(null, null, null, null, null);
        assertThat(Completeness.missing(empty)).contains(
                "organization.creditCode", "organization.legalRepresentative", "organization.annualOutputWanYuan",
                "organization.employeeCount", "contact.name", "contact.title", "contact.phone", "workDescription",
                "applicantOpinion.signatory", "applicantOpinion.sealed", "applicantOpinion.date",
                "evidence.leadershipBody.ledByPrincipal", "evidence.annualPlan.exists", "evidence.totalStaff",
                "evidence.talentExchange", "evidence.riskAssessment.standardUsed")
                .doesNotContain("organization.parkCreditCode", "contact.email", "evidence.trainings",
                        "evidence.mechanisms");
        assertThat(Completeness.missing(empty)).hasSize(9 + 3 + 1 + 3 + 28);
    }

    @Test
    void anEmptyZoneDraftListsTheZoneFields() {
        ApplicationForm empty = new ZoneForm(null, null, null, null, null);
        assertThat(Completeness.missing(empty)).contains("organization.head", "organization.parkType",
                "organization.enterprisesInPark", "organization.parkOutputWanYuan",
                "evidence.leadershipBody.includesEnterprises", "evidence.enterprisesVisited",
                "evidence.infoSharingMechanism", "evidence.riskAssessment.reportWritten")
                .doesNotContain("organization.legalRepresentative", "evidence.totalStaff",
                        "evidence.riskAssessment.standardUsed");
    }

    @Test
    void aFalseAnswerIsAnAnswerAMissingOneIsNot() {
        ApplicationForm answeredNo = form(with(body(ApplicationType.POINT), "/evidence/ndaSigned", "false"));
        assertThat(Completeness.missing(answeredNo)).isEmpty();
        ApplicationForm notAnswered = form(without(body(ApplicationType.POINT), "/evidence/ndaSigned"));
        assertThat(Completeness.missing(notAnswered)).containsExactly("evidence.ndaSigned");
    }

    @Test
    void datedEvidenceNeedsDateAndLedgerAnswer() {
        ApplicationForm form = form(with(body(ApplicationType.ZONE), "/evidence/events/1", "{\"kind\": \"宣传\"}"));
        assertThat(Completeness.missing(form)).containsExactly("evidence.events[1].date", "evidence.events[1].ledger");
    }

    @Test
    void blankTextsAreMissingAndTheOpinionMustBeSealed() {
        ApplicationForm form = form(with(with(body(ApplicationType.POINT), "/workDescription", quoted(" ")),
                "/applicantOpinion/sealed", "false"));
        assertThat(Completeness.check(form).list()).extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("workDescription", "v.required"),
                        org.assertj.core.groups.Tuple.tuple("applicantOpinion.sealed", "v.sealed"));
    }
}
