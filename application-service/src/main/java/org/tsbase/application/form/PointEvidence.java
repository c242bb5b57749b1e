package org.tsbase.application.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The evidence of a demonstration point (附件4 criteria P1–P7). */
public record PointEvidence(
        LeadershipBody leadershipBody,
        Office office,
        Integer partTimeStaff,
        Integer fullTimeStaff,
        Integer fullTimeStaffWithCollegeDegree,
        Boolean liaisonDesignated,
        Boolean fixedOffice,
        Boolean facilities,
        BigDecimal annualBudgetYuan,
        List<Mechanism> mechanisms,
        AnnualPlan annualPlan,
        Boolean secretsInventoryDone,
        Boolean rulesAnnounced,
        Boolean onboardingTraining,
        List<Training> trainings,
        Boolean ndaSigned,
        Boolean nonCompeteSigned,
        List<Inspection> inspections,
        RiskAssessment riskAssessment,
        Integer totalStaff,
        Integer trainedStaff,
        Boolean internalPublicity,
        Boolean legalServiceCooperation,
        Boolean improvedAfterRiskAssessment,
        Boolean inspectionFindingsFixed,
        Integer casesAssisted,
        Boolean handbookPublished,
        Boolean talentExchange) implements Evidence {

    /** 由本单位负责人牵头的领导机构. */
    public record LeadershipBody(Boolean established, Boolean ledByPrincipal) {
    }

    /** The six mechanisms of 附件4 item 4. */
    public enum Mechanism { PERSONNEL, DOCUMENTS, CARRIERS, KEY_AREAS, INSPECTION, LEAK_RESPONSE }

    public enum PlanItem { VERIFICATION, INSPECTION, TRAINING, RISK_ASSESSMENT }

    public record AnnualPlan(Boolean exists, List<PlanItem> covers) {
    }

    public record Training(LocalDate date, Boolean ledger, Integer attendees) {
    }

    public record Inspection(LocalDate date, Boolean ledger) {
    }

    public record RiskAssessment(Boolean standardUsed, Boolean reportWritten) {
    }
}
