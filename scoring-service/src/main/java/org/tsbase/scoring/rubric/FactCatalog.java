package org.tsbase.scoring.rubric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The facts a rubric's rules may name: the evidence fields of API.md plus the counts the engine derives
 * from dated evidence. This list is the rubric validator's whitelist; a rule naming anything else is
 * refused. Thresholds are never here: they belong to the rubric data.
 */
public final class FactCatalog {

    /** Dated evidence lists per type: list field name → whether its entries carry a ledger flag. */
    static final Map<RubricType, List<String>> DATED_LISTS = Map.of(
            RubricType.POINT, List.of("trainings", "inspections"),
            RubricType.ZONE, List.of("events"));

    private static final Map<RubricType, Map<String, FactDefinition>> FACTS = Map.of(
            RubricType.POINT, index(pointFacts()),
            RubricType.ZONE, index(zoneFacts()));

    private FactCatalog() {
    }

    /** Every fact a rubric of this type may name, in a stable order. */
    public static List<FactDefinition> facts(RubricType type) {
        return List.copyOf(FACTS.get(type).values());
    }

    public static Optional<FactDefinition> find(RubricType type, String name) {
        return Optional.ofNullable(FACTS.get(type).get(name));
    }

    public static Set<String> names(RubricType type) {
        return FACTS.get(type).keySet().stream().collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, FactDefinition> index(List<FactDefinition> facts) {
        Map<String, FactDefinition> byName = new LinkedHashMap<>();
        facts.forEach(f -> byName.put(f.name(), f));
        return java.util.Collections.unmodifiableMap(byName);
    }

    private static List<FactDefinition> pointFacts() {
        return List.of(
                bool("leadershipBody.established", "a leadership body for trade-secret work exists"),
                bool("leadershipBody.ledByPrincipal", "it is led by the unit's head"),
                bool("office.established", "a working office exists"),
                bool("office.dutiesDefined", "the office has written duties"),
                count("partTimeStaff", "part-time trade-secret staff"),
                count("fullTimeStaff", "full-time trade-secret staff"),
                part("fullTimeStaffWithCollegeDegree", "fullTimeStaff", "full-time staff with a college degree (大专以上)"),
                bool("liaisonDesignated", "a liaison for the bureau is designated"),
                bool("fixedOffice", "fixed office space"),
                bool("facilities", "necessary office facilities"),
                amount("annualBudgetYuan", "annual working budget in yuan"),
                codes("mechanisms", "internal mechanisms in place",
                        "PERSONNEL", "DOCUMENTS", "CARRIERS", "KEY_AREAS", "INSPECTION", "LEAK_RESPONSE"),
                bool("annualPlan.exists", "an annual plan exists"),
                codes("annualPlan.covers", "work the annual plan covers",
                        "VERIFICATION", "INSPECTION", "TRAINING", "RISK_ASSESSMENT"),
                bool("secretsInventoryDone", "secrets verified and assessed (定密/隐密/解密/销毁)"),
                bool("rulesAnnounced", "rules announced to all staff"),
                bool("onboardingTraining", "trade-secret training is part of onboarding"),
                derived("trainingsInPeriod", "trainings dated inside the assessment period"),
                derived("trainingsWithLedgerInPeriod", "trainings with a ledger dated inside the assessment period"),
                bool("ndaSigned", "NDAs signed with staff holding secrets"),
                bool("nonCompeteSigned", "non-compete agreements signed"),
                derived("inspectionsWithLedgerInPeriod", "inspections with a ledger inside the assessment period"),
                derived("inspectionsWithLedgerInFirstHalf",
                        "inspections with a ledger in the first six calendar months of the period"),
                derived("inspectionsWithLedgerInSecondHalf", "inspections with a ledger in the rest of the period"),
                derived("inspectionHalvesWithLedger",
                        "how many of the period's two halves (0..2) have at least one inspection with a ledger"),
                bool("riskAssessment.standardUsed", "a leak-risk assessment standard was used"),
                bool("riskAssessment.reportWritten", "a written risk-assessment report exists"),
                count("totalStaff", "all staff of the unit"),
                part("trainedStaff", "totalStaff", "staff who received trade-secret training"),
                bool("internalPublicity", "trade-secret publicity inside the unit"),
                bool("legalServiceCooperation", "one-to-one cooperation with a legal-service provider"),
                bool("improvedAfterRiskAssessment", "rules improved after the risk assessment"),
                bool("inspectionFindingsFixed", "risks found in inspections were fixed"),
                count("casesAssisted", "cases the unit helped file, investigate or mediate"),
                bool("handbookPublished", "a guide or handbook was published"),
                bool("talentExchange", "talent exchange with universities or institutions"));
    }

    private static List<FactDefinition> zoneFacts() {
        return List.of(
                count("enterprisesInPark", "enterprises in the park (from the organisation, 入园企业数)"),
                part("enterprisesDoingProtection", "enterprisesInPark", "park enterprises doing trade-secret work"),
                part("enterprisesMeetingPointStandard", "enterprisesInPark",
                        "park enterprises meeting the point standard (score >= 80)"),
                bool("leadershipBody.established", "a leadership body for trade-secret work exists"),
                bool("leadershipBody.includesEnterprises",
                        "it includes the park head, department heads and key enterprises"),
                bool("office.established", "a working office exists"),
                bool("office.dutiesDefined", "the office has written duties"),
                count("partTimeStaff", "part-time trade-secret staff"),
                count("fullTimeStaff", "full-time trade-secret staff"),
                part("fullTimeStaffWithCollegeDegree", "fullTimeStaff", "full-time staff with a college degree (大专以上)"),
                bool("liaisonDesignated", "a liaison for the bureau is designated"),
                bool("fixedOffice", "fixed office space"),
                bool("facilities", "necessary office facilities"),
                amount("annualBudgetYuan", "annual working budget in yuan"),
                codes("mechanisms", "park mechanisms in place", "COORDINATED_PROTECTION", "OPERATIONS", "RIGHTS_ASSISTANCE"),
                bool("annualPlan.exists", "an annual plan exists"),
                codes("annualPlan.covers", "work the annual plan covers", "VISITS", "GUIDANCE", "TRAINING", "RISK_ASSESSMENT"),
                part("enterprisesVisited", "enterprisesInPark", "park enterprises visited"),
                part("enterprisesGuided", "enterprisesInPark", "park enterprises given targeted guidance"),
                derived("eventsInPeriod", "events dated inside the assessment period"),
                derived("eventsWithLedgerInPeriod", "events with a ledger dated inside the assessment period"),
                part("enterprisesTrained", "enterprisesInPark", "park enterprises trained"),
                bool("rightsWindow", "a rights-protection window or named service staff"),
                part("enterprisesRiskAssessed", "enterprisesInPark", "park enterprises given a risk assessment"),
                bool("riskAssessment.reportWritten", "a written risk-assessment report exists"),
                count("rightsCasesHelped", "times the park helped an enterprise defend its rights"),
                bool("legalServiceCooperation", "one-to-one cooperation with a legal-service provider"),
                bool("handbookPublished", "a guide or handbook was published"),
                bool("infoSharingMechanism",
                        "administrative/judicial/civil information-sharing and mediation mechanism"));
    }

    private static FactDefinition bool(String name, String description) {
        return new FactDefinition(name, FactKind.BOOLEAN, Optional.empty(), Set.of(), description);
    }

    private static FactDefinition count(String name, String description) {
        return new FactDefinition(name, FactKind.COUNT, Optional.empty(), Set.of(), description);
    }

    private static FactDefinition part(String name, String whole, String description) {
        return new FactDefinition(name, FactKind.COUNT, Optional.of(whole), Set.of(), description);
    }

    private static FactDefinition amount(String name, String description) {
        return new FactDefinition(name, FactKind.AMOUNT, Optional.empty(), Set.of(), description);
    }

    private static FactDefinition codes(String name, String description, String... codes) {
        return new FactDefinition(name, FactKind.CODES, Optional.empty(), Set.of(codes), description);
    }

    private static FactDefinition derived(String name, String description) {
        return new FactDefinition(name, FactKind.DERIVED_COUNT, Optional.empty(), Set.of(), description);
    }
}
