package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds JSON-shaped evidence from a compact text, so a table row reads like the standard:
 * {@code trainedStaff=30; totalStaff=30; leadershipBody.established=true;
 * mechanisms=[PERSONNEL, DOCUMENTS]; trainings=[2026-01-10 ledger, 2026-02-01]}.
 *
 * <p>Values: {@code true}/{@code false}; whole numbers (as Integer, like a JSON parser); decimals (as
 * Double, like a JSON parser); {@code [..]} lists whose elements are codes, or dated entries
 * {@code yyyy-MM-dd [ledger]} which become {@code {date, ledger}} objects. Dots walk into objects.
 */
final class TestEvidence {

    static final AssessmentPeriod PERIOD = AssessmentPeriod.of("2025-12-01", "2026-11-30");

    private TestEvidence() {
    }

    static Map<String, Object> parse(String text) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return evidence;
        }
        for (String assignment : text.split(";")) {
            if (assignment.isBlank()) {
                continue;
            }
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not path=value: " + assignment);
            }
            put(evidence, assignment.substring(0, eq).strip(), value(assignment.substring(eq + 1).strip()));
        }
        return evidence;
    }

    /** Sets a dotted path, creating objects on the way. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> evidence, String path, Object value) {
        String[] segments = path.split("\\.");
        Map<String, Object> current = evidence;
        for (int i = 0; i < segments.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(segments[i], k -> new LinkedHashMap<>());
        }
        current.put(segments[segments.length - 1], value);
    }

    private static Object value(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.equals("null")) {
            return null;
        }
        if (raw.matches("-?\\d+")) {
            return Integer.valueOf(raw);
        }
        if (raw.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(raw);
        }
        if (raw.startsWith("[") && raw.endsWith("]")) {
            List<Object> list = new ArrayList<>();
            String inner = raw.substring(1, raw.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String element : inner.split(",")) {
                    list.add(element(element.strip()));
                }
            }
            return list;
        }
        return raw;
    }

    private static Object element(String raw) {
        if (raw.matches("\\d{4}-\\d{2}-\\d{2}( ledger)?")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", raw.substring(0, 10));
            entry.put("ledger", raw.endsWith("ledger"));
            return entry;
        }
        return raw;
    }

    static BigDecimal points(String value) {
        return new BigDecimal(value).setScale(2);
    }
}
