package org.tsbase.application.form;

import java.util.List;
import java.util.function.Function;
import org.tsbase.application.web.Problems;

/**
 * What a form must have before it can be submitted: every field of 附件2/附件3 and every evidence answer (a "no" is
 * an answer; a missing value is not). Optional: a POINT's {@code parkCreditCode}, the contact's {@code email}, a
 * training's {@code attendees}, an event's {@code kind}; lists may be empty.
 */
public final class Completeness {

    private Completeness() {
    }

    /** Every missing field (code {@code v.required}), and an unsealed applicant opinion. */
    public static Problems check(ApplicationForm form) {
        Problems p = new Problems();
        if (form instanceof PointForm f) {
            point(f.organization(), p);
            pointEvidence(f.evidence(), p);
        } else if (form instanceof ZoneForm f) {
            zone(f.organization(), p);
            zoneEvidence(f.evidence(), p);
        }
        Contact c = form.contact();
        require(p, "contact.name", c == null ? null : c.name());
        require(p, "contact.title", c == null ? null : c.title());
        require(p, "contact.phone", c == null ? null : c.phone());
        require(p, "workDescription", form.workDescription());
        ApplicantOpinion o = form.applicantOpinion();
        require(p, "applicantOpinion.signatory", o == null ? null : o.signatory());
        require(p, "applicantOpinion.sealed", o == null ? null : o.sealed());
        require(p, "applicantOpinion.date", o == null ? null : o.date());
        if (o != null && Boolean.FALSE.equals(o.sealed())) {
            p.add("applicantOpinion.sealed", "v.sealed");
        }
        return p;
    }

    /** The paths of the missing fields, for a draft's "still to do" list. */
    public static List<String> missing(ApplicationForm form) {
        return check(form).fields();
    }

    private static void point(PointOrganization o, Problems p) {
        String x = "organization.";
        require(p, x + "creditCode", o == null ? null : o.creditCode());
        require(p, x + "name", o == null ? null : o.name());
        require(p, x + "legalRepresentative", o == null ? null : o.legalRepresentative());
        require(p, x + "address", o == null ? null : o.address());
        require(p, x + "postalCode", o == null ? null : o.postalCode());
        require(p, x + "enterpriseType", o == null ? null : o.enterpriseType());
        require(p, x + "industry", o == null ? null : o.industry());
        require(p, x + "annualOutputWanYuan", o == null ? null : o.annualOutputWanYuan());
        require(p, x + "employeeCount", o == null ? null : o.employeeCount());
    }

    private static void zone(ZoneOrganization o, Problems p) {
        String x = "organization.";
        require(p, x + "creditCode", o == null ? null : o.creditCode());
        require(p, x + "name", o == null ? null : o.name());
        require(p, x + "head", o == null ? null : o.head());
        require(p, x + "address", o == null ? null : o.address());
        require(p, x + "postalCode", o == null ? null : o.postalCode());
        require(p, x + "parkType", o == null ? null : o.parkType());
        require(p, x + "enterprisesInPark", o == null ? null : o.enterprisesInPark());
        require(p, x + "parkOutputWanYuan", o == null ? null : o.parkOutputWanYuan());
    }

    private static void pointEvidence(PointEvidence e, Problems p) {
        Answers<PointEvidence> a = new Answers<>(e, p);
        a.need("leadershipBody.established", v -> v.leadershipBody() == null ? null : v.leadershipBody().established());
        a.need("leadershipBody.ledByPrincipal",
                v -> v.leadershipBody() == null ? null : v.leadershipBody().ledByPrincipal());
        a.need("office.established", v -> v.office() == null ? null : v.office().established());
        a.need("office.dutiesDefined", v -> v.office() == null ? null : v.office().dutiesDefined());
        a.need("partTimeStaff", PointEvidence::partTimeStaff);
        a.need("fullTimeStaff", PointEvidence::fullTimeStaff);
        a.need("fullTimeStaffWithCollegeDegree", PointEvidence::fullTimeStaffWithCollegeDegree);
        a.need("liaisonDesignated", PointEvidence::liaisonDesignated);
        a.need("fixedOffice", PointEvidence::fixedOffice);
        a.need("facilities", PointEvidence::facilities);
        a.need("annualBudgetYuan", PointEvidence::annualBudgetYuan);
        a.need("annualPlan.exists", v -> v.annualPlan() == null ? null : v.annualPlan().exists());
        a.need("secretsInventoryDone", PointEvidence::secretsInventoryDone);
        a.need("rulesAnnounced", PointEvidence::rulesAnnounced);
        a.need("onboardingTraining", PointEvidence::onboardingTraining);
        a.need("ndaSigned", PointEvidence::ndaSigned);
        a.need("nonCompeteSigned", PointEvidence::nonCompeteSigned);
        a.need("riskAssessment.standardUsed",
                v -> v.riskAssessment() == null ? null : v.riskAssessment().standardUsed());
        a.need("riskAssessment.reportWritten",
                v -> v.riskAssessment() == null ? null : v.riskAssessment().reportWritten());
        a.need("totalStaff", PointEvidence::totalStaff);
        a.need("trainedStaff", PointEvidence::trainedStaff);
        a.need("internalPublicity", PointEvidence::internalPublicity);
        a.need("legalServiceCooperation", PointEvidence::legalServiceCooperation);
        a.need("improvedAfterRiskAssessment", PointEvidence::improvedAfterRiskAssessment);
        a.need("inspectionFindingsFixed", PointEvidence::inspectionFindingsFixed);
        a.need("casesAssisted", PointEvidence::casesAssisted);
        a.need("handbookPublished", PointEvidence::handbookPublished);
        a.need("talentExchange", PointEvidence::talentExchange);
        if (e != null && e.trainings() != null) {
            for (int i = 0; i < e.trainings().size(); i++) {
                PointEvidence.Training t = e.trainings().get(i);
                require(p, "evidence.trainings[" + i + "].date", t == null ? null : t.date());
                require(p, "evidence.trainings[" + i + "].ledger", t == null ? null : t.ledger());
            }
        }
        if (e != null && e.inspections() != null) {
            for (int i = 0; i < e.inspections().size(); i++) {
                PointEvidence.Inspection t = e.inspections().get(i);
                require(p, "evidence.inspections[" + i + "].date", t == null ? null : t.date());
                require(p, "evidence.inspections[" + i + "].ledger", t == null ? null : t.ledger());
            }
        }
    }

    private static void zoneEvidence(ZoneEvidence e, Problems p) {
        Answers<ZoneEvidence> a = new Answers<>(e, p);
        a.need("enterprisesDoingProtection", ZoneEvidence::enterprisesDoingProtection);
        a.need("enterprisesMeetingPointStandard", ZoneEvidence::enterprisesMeetingPointStandard);
        a.need("leadershipBody.established", v -> v.leadershipBody() == null ? null : v.leadershipBody().established());
        a.need("leadershipBody.includesEnterprises",
                v -> v.leadershipBody() == null ? null : v.leadershipBody().includesEnterprises());
        a.need("office.established", v -> v.office() == null ? null : v.office().established());
        a.need("office.dutiesDefined", v -> v.office() == null ? null : v.office().dutiesDefined());
        a.need("partTimeStaff", ZoneEvidence::partTimeStaff);
        a.need("fullTimeStaff", ZoneEvidence::fullTimeStaff);
        a.need("fullTimeStaffWithCollegeDegree", ZoneEvidence::fullTimeStaffWithCollegeDegree);
        a.need("liaisonDesignated", ZoneEvidence::liaisonDesignated);
        a.need("fixedOffice", ZoneEvidence::fixedOffice);
        a.need("facilities", ZoneEvidence::facilities);
        a.need("annualBudgetYuan", ZoneEvidence::annualBudgetYuan);
        a.need("annualPlan.exists", v -> v.annualPlan() == null ? null : v.annualPlan().exists());
        a.need("enterprisesVisited", ZoneEvidence::enterprisesVisited);
        a.need("enterprisesGuided", ZoneEvidence::enterprisesGuided);
        a.need("enterprisesTrained", ZoneEvidence::enterprisesTrained);
        a.need("rightsWindow", ZoneEvidence::rightsWindow);
        a.need("enterprisesRiskAssessed", ZoneEvidence::enterprisesRiskAssessed);
        a.need("riskAssessment.reportWritten",
                v -> v.riskAssessment() == null ? null : v.riskAssessment().reportWritten());
        a.need("rightsCasesHelped", ZoneEvidence::rightsCasesHelped);
        a.need("legalServiceCooperation", ZoneEvidence::legalServiceCooperation);
        a.need("handbookPublished", ZoneEvidence::handbookPublished);
        a.need("infoSharingMechanism", ZoneEvidence::infoSharingMechanism);
        if (e != null && e.events() != null) {
            for (int i = 0; i < e.events().size(); i++) {
                ZoneEvidence.ParkEvent t = e.events().get(i);
                require(p, "evidence.events[" + i + "].date", t == null ? null : t.date());
                require(p, "evidence.events[" + i + "].ledger", t == null ? null : t.ledger());
            }
        }
    }

    private record Answers<E>(E evidence, Problems p) {
        void need(String field, Function<E, Object> value) {
            require(p, "evidence." + field, evidence == null ? null : value.apply(evidence));
        }
    }

    private static void require(Problems p, String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            p.add(field, "v.required");
        }
    }
}
