package org.tsbase.application.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The evidence of a demonstration zone (附件5 criteria Z1–Z8). The counts of enterprises are parts of the park's
 * {@link ZoneOrganization#enterprisesInPark()}.
 */
public record ZoneEvidence(
        Integer enterprisesDoingProtection,
        Integer enterprisesMeetingPointStandard,
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
        Integer enterprisesVisited,
        Integer enterprisesGuided,
        List<ParkEvent> events,
        Integer enterprisesTrained,
        Boolean rightsWindow,
        Integer enterprisesRiskAssessed,
        RiskAssessment riskAssessment,
        Integer rightsCasesHelped,
        Boolean legalServiceCooperation,
        Boolean handbookPublished,
        Boolean infoSharingMechanism) implements Evidence {

    /** Of the park head, department heads and key enterprises. */
    public record LeadershipBody(Boolean established, Boolean includesEnterprises) {
    }

    /** The three mechanisms of 附件5 item 5. */
    public enum Mechanism { COORDINATED_PROTECTION, OPERATIONS, RIGHTS_ASSISTANCE }

    public enum PlanItem { VISITS, GUIDANCE, TRAINING, RISK_ASSESSMENT }

    public record AnnualPlan(Boolean exists, List<PlanItem> covers) {
    }

    /** 宣传培训、法规宣讲、座谈沙龙等活动. */
    public record ParkEvent(LocalDate date, Boolean ledger, String kind) {
    }

    public record RiskAssessment(Boolean reportWritten) {
    }
}
