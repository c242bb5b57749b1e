package org.tsbase.application.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tsbase.application.form.FormFixtures.body;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.testing.EventContractAssertions;

/** The evidence map of {@code application.submitted.v1}: API.md's names exactly, valid against the schema. */
class ScoringFactsTest {

    static final Set<String> POINT_FIELDS = Set.of("leadershipBody", "office", "partTimeStaff", "fullTimeStaff",
            "fullTimeStaffWithCollegeDegree", "liaisonDesignated", "fixedOffice", "facilities", "annualBudgetYuan",
            "mechanisms", "annualPlan", "secretsInventoryDone", "rulesAnnounced", "onboardingTraining", "trainings",
            "ndaSigned", "nonCompeteSigned", "inspections", "riskAssessment", "totalStaff", "trainedStaff",
            "internalPublicity", "legalServiceCooperation", "improvedAfterRiskAssessment", "inspectionFindingsFixed",
            "casesAssisted", "handbookPublished", "talentExchange");
    static final Set<String> ZONE_FIELDS = Set.of("enterprisesDoingProtection", "enterprisesMeetingPointStandard",
            "leadershipBody", "office", "partTimeStaff", "fullTimeStaff", "fullTimeStaffWithCollegeDegree",
            "liaisonDesignated", "fixedOffice", "facilities", "annualBudgetYuan", "mechanisms", "annualPlan",
            "enterprisesVisited", "enterprisesGuided", "events", "enterprisesTrained", "rightsWindow",
            "enterprisesRiskAssessed", "riskAssessment", "rightsCasesHelped", "legalServiceCooperation",
            "handbookPublished", "infoSharingMechanism");

    static ApplicationForm form(ApplicationType type) {
        return FormFixtures.read(body(type), new Problems());
    }

    static String event(ApplicationForm form, ApplicationType type) {
        return EventJson.toJson(new ApplicationSubmitted("a1", "sjs-2023", type, 2, Instant.now(),
                ScoringFacts.organization(form), ScoringFacts.evidence(form)));
    }

    @Test
    void pointEvidenceHasExactlyTheFieldsOfApiMdAndConforms() {
        ApplicationForm form = form(ApplicationType.POINT);
        assertThat(ScoringFacts.evidence(form).keySet()).isEqualTo(POINT_FIELDS);
        EventContractAssertions.assertConforms(EventTypes.APPLICATION_SUBMITTED, event(form, ApplicationType.POINT));
    }

    @Test
    void zoneEvidenceHasExactlyTheFieldsOfApiMdAndConforms() {
        ApplicationForm form = form(ApplicationType.ZONE);
        assertThat(ScoringFacts.evidence(form).keySet()).isEqualTo(ZONE_FIELDS);
        assertThat(ScoringFacts.organization(form).enterprisesInPark()).isEqualTo(120);
        EventContractAssertions.assertConforms(EventTypes.APPLICATION_SUBMITTED, event(form, ApplicationType.ZONE));
    }

    @Test
    void valuesKeepTheirJsonShapeAndAbsentAnswersAreLeftOut() {
        ApplicationForm form = FormFixtures.read(FormFixtures.without(body(ApplicationType.POINT), "/evidence/ndaSigned"),
                new Problems());
        Map<String, Object> evidence = ScoringFacts.evidence(form);
        assertThat(evidence).doesNotContainKey("ndaSigned");
        String json = EventJson.toJson(evidence);
        assertThat(json).contains("\"annualBudgetYuan\":200000.50").contains("\"mechanisms\":[\"PERSONNEL\"")
                .contains("\"ledger\":true").doesNotContain("null");
        assertThat(json).containsPattern("\"date\":\"\\d{4}-\\d{2}-\\d{2}\"");
        EventContractAssertions.assertConforms(EventTypes.APPLICATION_SUBMITTED, event(form, ApplicationType.POINT));
    }

    @Test
    void noPersonalDataReachesTheEvent() {
        String json = event(form(ApplicationType.POINT), ApplicationType.POINT);
        assertThat(json).doesNotContain("13812345678").doesNotContain("李示范").doesNotContain("王示范")
                .doesNotContain("li@example.com");
    }
}
