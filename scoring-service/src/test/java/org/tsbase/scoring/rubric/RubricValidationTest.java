package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An uploaded rubric is validated and refused with every reason found. */
class RubricValidationTest {

    @Test
    void aValidRubricIsAccepted() {
        RubricDefinition rubric = RubricParser.parse(RubricDocuments.valid());

        assertThat(rubric.id()).isEqualTo("test-rubric");
        assertThat(rubric.version()).isEqualTo(1);
        assertThat(rubric.type()).isEqualTo(RubricType.POINT);
        assertThat(rubric.baseMax()).isEqualTo(new BigDecimal("10.00"));
        assertThat(rubric.bonusCap()).isEqualTo(new BigDecimal("4.00"));
        assertThat(rubric.passMark()).isEqualTo(new BigDecimal("8.00"));
        assertThat(rubric.criterion("B1").orElseThrow().items()).extracting(ItemDefinition::points)
                .containsExactly(new BigDecimal("2.00"), new BigDecimal("2.50"), new BigDecimal("2.00"));
    }

    @Test
    void bonusItemsMaySumBeyondTheCapWhichAppliesToTheTotal() {
        RubricDefinition rubric = RubricParser.parse(RubricDocuments.valid());

        ScoreResult result = new RubricEngine().score(rubric,
                TestEvidence.parse("internalPublicity=true; handbookPublished=true"), TestEvidence.PERIOD);

        assertThat(result.bonusBeforeCap()).isEqualByComparingTo("4.5");
        assertThat(result.bonus()).isEqualByComparingTo("4");
    }

    @Test
    void theSameRubricAsJsonIsAccepted() {
        String json = """
                {"id": "test-json", "version": 2, "type": "ZONE", "title": "JSON 标准",
                 "baseMax": 6, "bonusCap": 0, "passMark": 5, "activitiesCriterion": "Z7",
                 "review": {"spreadFlagShare": 0.5, "reasonRequiredShare": 0.25},
                 "criteria": [
                 \t{"id": "Z7", "title": "活动开展有效", "max": 6, "items": [
                 \t\t{"id": "Z7.1", "text": "至少走访园区内20%的企业", "points": 6,
                 \t\t "rule": "enterprisesVisited / enterprisesInPark >= 20%"}]}]}
                """;

        RubricDefinition rubric = RubricParser.parse(json);

        assertThat(rubric.type()).isEqualTo(RubricType.ZONE);
        assertThat(rubric.reviewPolicy().reasonRequiredShare()).isEqualByComparingTo("0.25");
        assertThat(rubric.criteria()).singleElement().extracting(CriterionDefinition::max)
                .isEqualTo(new BigDecimal("6.00"));
    }

    static Stream<Arguments> badRubrics() {
        String valid = RubricDocuments.valid();
        return Stream.of(
                Arguments.of("base criteria that do not add up to baseMax",
                        valid.replace("baseMax: 10", "baseMax: 90"), "base criteria add up to 10, not to baseMax 90"),
                Arguments.of("no bonus cap declared",
                        valid.replace("bonusCap: 4\n", ""), "bonusCap must be declared"),
                Arguments.of("bonus criteria maxima that differ from the bonus cap",
                        valid.replace("bonusCap: 4", "bonusCap: 10"), "bonus criteria maxima add up to 4, not to bonusCap 10"),
                Arguments.of("sub-item points that do not add up to the criterion max",
                        valid.replace("points: 5\n        rule: \"leadershipBody", "points: 4\n        rule: \"leadershipBody"),
                        "A1: sub-item points add up to 9, not to the criterion max 10"),
                Arguments.of("a criterion id used twice",
                        valid.replace("id: B1\n", "id: A1\n").replace("B1.", "A1.").replace("A1.1\n        text: 内部宣传", "A1.7\n        text: 内部宣传"),
                        "criterion id A1 is used more than once"),
                Arguments.of("an item id used twice",
                        valid.replace("id: A1.2", "id: A1.1"), "item id A1.1 is used more than once"),
                Arguments.of("an item id outside its criterion",
                        valid.replace("id: B1.2", "id: A1.3"), "item id 'A1.3' must be its criterion id"),
                Arguments.of("negative points",
                        valid.replace("points: 2.5", "points: -2.5"), "B1.2: points must not be negative"),
                Arguments.of("points with three decimals",
                        valid.replace("points: 2.5", "points: 2.125"), "B1.2: points may have at most 2 decimals, found 2.125"),
                Arguments.of("points given as text",
                        valid.replace("points: 2.5", "points: two"), "B1.2.points must be a number, found 'two'"),
                Arguments.of("an unknown field (a typo)",
                        valid.replace("max: 10", "maximum: 10"), "A1: unknown field 'maximum'"),
                Arguments.of("an unknown type",
                        valid.replace("type: POINT", "type: PARK"), "rubric type 'PARK' must be POINT or ZONE"),
                Arguments.of("a version of 0",
                        valid.replace("version: 1", "version: 0"), "version must be a whole number from 1 up"),
                Arguments.of("an item with neither rule nor reviewer flag",
                        valid.replace("        rule: \"internalPublicity\"\n", ""), "B1.1: rule is missing"),
                Arguments.of("a reviewer-only item with a rule",
                        valid.replace("reviewerOnly: true", "reviewerOnly: true\n        rule: \"talentExchange\""),
                        "B1.3: a reviewer-only item has no automatic rule"),
                Arguments.of("a pass mark above the highest total",
                        valid.replace("passMark: 8", "passMark: 15"), "passMark 15 is above the highest possible total 14"),
                Arguments.of("an activities criterion that does not exist",
                        valid.replace("activitiesCriterion: A1", "activitiesCriterion: P6"), "activitiesCriterion P6 is not a criterion"),
                Arguments.of("no review thresholds",
                        valid.replace("review:\n  spreadFlagShare: 0.5\n  reasonRequiredShare: 0.5\n", ""),
                        "review {spreadFlagShare, reasonRequiredShare} must be declared"),
                Arguments.of("a rule naming an unknown fact",
                        RubricDocuments.withRule("trainingsWithLedger >= 2"), "unknown fact 'trainingsWithLedger'"),
                Arguments.of("a rule naming a fact of the other rubric type",
                        RubricDocuments.withRule("enterprisesVisited >= 2"), "unknown fact 'enterprisesVisited' for a POINT rubric"),
                Arguments.of("a rule that is not a yes/no condition",
                        RubricDocuments.withRule("partTimeStaff + 1"), "a rule must be a yes/no condition"),
                Arguments.of("a rule testing a code the fact cannot hold",
                        RubricDocuments.withRule("mechanisms contains 'FIREWALL'"), "'FIREWALL' is not a code of mechanisms"),
                Arguments.of("a rule comparing a yes/no answer with a number",
                        RubricDocuments.withRule("liaisonDesignated > 1"), "needs a number here, found a boolean"),
                Arguments.of("a rule with a syntax error",
                        RubricDocuments.withRule("partTimeStaff >= "), "rule ends too early"),
                Arguments.of("a duplicate key in the document",
                        valid.replace("title: 测试标准", "title: 测试标准\ntitle: 另一个"), "不是有效的 YAML 或 JSON"),
                Arguments.of("a duplicate key in a JSON document",
                        "{\"id\": \"a-rubric\", \"id\": \"b-rubric\"}", "不是有效的 YAML 或 JSON"),
                Arguments.of("a JSON document with trailing content",
                        "{\"id\": \"a-rubric\"} {}", "不是有效的 YAML 或 JSON"),
                Arguments.of("a document that is not YAML",
                        "criteria: [unclosed", "不是有效的 YAML 或 JSON"),
                Arguments.of("a document that is a list",
                        "- a\n- b", "must be a mapping"),
                Arguments.of("an empty document", "   ", "the document is empty"));
    }

    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("badRubrics")
    void aBadRubricIsRefusedWithItsReason(String row, String document, String reason) {
        assertThatThrownBy(() -> RubricParser.parse(document))
                .isInstanceOfSatisfying(InvalidRubricException.class,
                        e -> assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains(reason)));
    }

    @Test
    void everyReasonIsListedNotJustTheFirst() {
        String document = RubricDocuments.withRule("secretField >= 1")
                .replace("baseMax: 10", "baseMax: 11")
                .replace("points: 2.5", "points: 2.555")
                .replace("id: A1.1", "id: A1.2");

        assertThatThrownBy(() -> RubricParser.parse(document))
                .isInstanceOfSatisfying(InvalidRubricException.class, e -> assertThat(e.reasons())
                        .hasSize(4)
                        .anySatisfy(r -> assertThat(r).contains("unknown fact 'secretField'"))
                        .anySatisfy(r -> assertThat(r).contains("at most 2 decimals"))
                        .anySatisfy(r -> assertThat(r).contains("item id A1.2 is used more than once"))
                        .anySatisfy(r -> assertThat(r).contains("not to baseMax 11")));
    }

    @Test
    void aYamlTagCannotCreateJavaObjects() {
        String document = "id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/x\"]]]]\n"
                + RubricDocuments.valid().substring(RubricDocuments.valid().indexOf('\n') + 1);

        assertThatThrownBy(() -> RubricParser.parse(document))
                .isInstanceOfSatisfying(InvalidRubricException.class,
                        e -> assertThat(e.reasons()).singleElement().asString().contains("不是有效的 YAML 或 JSON")
                                .contains("第 1 行").doesNotContainIgnoringCase("javax").doesNotContainIgnoringCase("java.")
                                .doesNotContainIgnoringCase("snakeyaml").doesNotContainIgnoringCase("constructor")
                                .doesNotContainIgnoringCase("tag:yaml.org"));
    }

    @Test
    void aBillionLaughsDocumentIsRefused() {
        StringBuilder doc = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            doc.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                doc.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            doc.append("]\n");
            previous = String.valueOf(c);
        }

        assertThatThrownBy(() -> RubricParser.parse(doc.toString())).isInstanceOf(InvalidRubricException.class);
    }
}
