package org.tsbase.scoring.rubric;

/** A small valid rubric document for validation tests; {@code RULE} is the rule of item A1.2. */
final class RubricDocuments {

    static final String VALID = """
            id: test-rubric
            version: 1
            type: POINT
            title: 测试标准
            baseMax: 10
            bonusCap: 4
            passMark: 8
            activitiesCriterion: A1
            review:
              spreadFlagShare: 0.5
              reasonRequiredShare: 0.5
            criteria:
              - id: A1
                title: 组织机构到位
                max: 10
                items:
                  - id: A1.1
                    text: 成立领导机构
                    points: 5
                    rule: "leadershipBody.established"
                  - id: A1.2
                    text: 开展培训
                    points: 5
                    rule: "RULE"
              - id: B1
                title: 酌情加分
                max: 4
                bonus: true
                items:
                  - id: B1.1
                    text: 内部宣传
                    points: 2
                    rule: "internalPublicity"
                  - id: B1.2
                    text: 指导手册
                    points: 2.5
                    rule: "handbookPublished"
                  - id: B1.3
                    text: 其他加分情况
                    points: 2
                    reviewerOnly: true
            """;

    private RubricDocuments() {
    }

    static String withRule(String rule) {
        return VALID.replace("\"RULE\"", yamlQuoted(rule));
    }

    static String valid() {
        return withRule("trainingsWithLedgerInPeriod >= 2");
    }

    /** A YAML single-quoted scalar: only ' needs doubling, so the rule reaches the parser exactly. */
    private static String yamlQuoted(String rule) {
        return "'" + rule.replace("'", "''") + "'";
    }
}
