package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Shared by the per-rubric rule tables: scoring one item and checking the table covers every item. */
final class RuleTableSupport {

    private static final RubricEngine ENGINE = new RubricEngine();

    private RuleTableSupport() {
    }

    static ItemScore item(RubricDefinition rubric, Map<String, Object> evidence, String itemId) {
        ScoreResult result = ENGINE.score(rubric, evidence, TestEvidence.PERIOD);
        return result.criteria().stream().flatMap(c -> c.items().stream())
                .filter(i -> i.itemId().equals(itemId)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + itemId));
    }

    /**
     * Every automatic item of the rubric has a row that earns its points and a row that earns nothing,
     * and every reviewer-only item a row showing it earns nothing automatically.
     */
    static void assertTableCoversEveryItem(RubricDefinition rubric, String table) {
        Map<String, Set<Boolean>> earned = new HashMap<>();
        for (String line : table.split("\n")) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] columns = row.split("\\|");
            String itemId = columns[1].strip();
            boolean earns = new BigDecimal(columns[columns.length - 1].strip()).signum() > 0;
            earned.computeIfAbsent(itemId, k -> new HashSet<>()).add(earns);
        }
        for (CriterionDefinition criterion : rubric.criteria()) {
            for (ItemDefinition item : criterion.items()) {
                Set<Boolean> seen = earned.getOrDefault(item.id(), Set.of());
                if (item.reviewerOnly()) {
                    assertThat(seen).as("rows for reviewer-only %s", item.id()).containsExactly(false);
                } else {
                    assertThat(seen).as("rows earning and not earning %s", item.id()).containsExactlyInAnyOrder(true, false);
                }
            }
        }
    }
}
