package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.tsbase.scoring.rubric.EvidenceProblem.Kind;

/**
 * Turns JSON-shaped evidence into the facts rules read. Absent answers count as "no" / 0 / none (a draft
 * may be incomplete); values that cannot be true (negative counts, a part above its whole, a zero whole
 * that a rule divides by, wrong types, malformed dates) are collected and refused together.
 */
final class EvidenceReader {

    /**
     * @param values facts for rules: {@link Boolean}, {@link Fraction} or {@code Set<String>}
     * @param shown  the same facts as shown in a result: Boolean, Long, BigDecimal or a sorted list of codes
     */
    record Facts(Map<String, Object> values, Map<String, Object> shown) {
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final RubricType type;
    private final Map<String, ?> evidence;
    private final AssessmentPeriod period;
    private final List<EvidenceProblem> problems = new ArrayList<>();
    private final Set<String> reportedPaths = new HashSet<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Object> shown = new LinkedHashMap<>();

    private EvidenceReader(RubricType type, Map<String, ?> evidence, AssessmentPeriod period) {
        this.type = type;
        this.evidence = evidence == null ? Map.of() : evidence;
        this.period = period;
    }

    /**
     * @param divisorFacts facts the rubric divides by; 0 there is invalid
     * @throws InvalidEvidenceException listing every problem
     */
    static Facts read(RubricType type, Map<String, ?> evidence, AssessmentPeriod period, Set<String> divisorFacts) {
        return new EvidenceReader(type, evidence, period).read(divisorFacts);
    }

    private Facts read(Set<String> divisorFacts) {
        Map<String, Long> derived = new LinkedHashMap<>();
        for (String list : FactCatalog.DATED_LISTS.get(type)) {
            derived.putAll(datedList(list));
        }
        for (FactDefinition fact : FactCatalog.facts(type)) {
            switch (fact.kind()) {
                case BOOLEAN -> bool(fact);
                case COUNT -> count(fact);
                case AMOUNT -> amount(fact);
                case CODES -> codes(fact);
                case DERIVED_COUNT -> {
                    Long value = derived.get(fact.name());
                    if (value == null) {
                        throw new IllegalStateException("no derivation for " + fact.name());
                    }
                    put(fact.name(), Fraction.of(value), value);
                }
            }
        }
        for (FactDefinition fact : FactCatalog.facts(type)) {
            fact.whole().ifPresent(whole -> checkPart(fact.name(), whole));
        }
        for (String divisor : divisorFacts) {
            if (values.get(divisor) instanceof Fraction f && f.isZero() && !reportedPaths.contains(divisor)) {
                problem(divisor, Kind.ZERO_DIVISOR,
                        divisor + " is 0, but ratios are computed against it",
                        divisor + " 为 0，无法据此计算比例");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEvidenceException(problems);
        }
        return new Facts(Collections.unmodifiableMap(values), Collections.unmodifiableMap(shown));
    }

    private void bool(FactDefinition fact) {
        Object raw = lookup(fact.name());
        if (raw == null) {
            put(fact.name(), Boolean.FALSE, Boolean.FALSE);
        } else if (raw instanceof Boolean b) {
            put(fact.name(), b, b);
        } else {
            wrongType(fact.name(), raw, "true or false", "是/否（true/false）");
            put(fact.name(), Boolean.FALSE, Boolean.FALSE);
        }
    }

    private void count(FactDefinition fact) {
        long value = countValue(fact.name(), lookup(fact.name()));
        put(fact.name(), Fraction.of(value), value);
    }

    /** Reads a count; absent is 0, a problem is recorded and 0 used for anything invalid. */
    private long countValue(String path, Object raw) {
        if (raw == null) {
            return 0;
        }
        BigDecimal number = number(path, raw);
        if (number == null) {
            return 0;
        }
        if (number.signum() < 0) {
            problem(path, Kind.NEGATIVE, path + " must not be negative, found " + number.toPlainString(),
                    path + " 不能为负数，实际为 " + number.toPlainString());
            return 0;
        }
        try {
            return number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            problem(path, Kind.NOT_A_WHOLE_NUMBER, path + " must be a whole number, found " + number.toPlainString(),
                    path + " 必须为整数，实际为 " + number.toPlainString());
            return 0;
        }
    }

    private void amount(FactDefinition fact) {
        Object raw = lookup(fact.name());
        BigDecimal number = raw == null ? BigDecimal.ZERO : number(fact.name(), raw);
        if (number == null) {
            number = BigDecimal.ZERO;
        } else if (number.signum() < 0) {
            problem(fact.name(), Kind.NEGATIVE, fact.name() + " must not be negative, found " + number.toPlainString(),
                    fact.name() + " 不能为负数，实际为 " + number.toPlainString());
            number = BigDecimal.ZERO;
        }
        put(fact.name(), Fraction.of(number), number);
    }

    private void codes(FactDefinition fact) {
        Object raw = lookup(fact.name());
        Set<String> codes = new TreeSet<>();
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object code = list.get(i);
                if (code instanceof String s && fact.codes().contains(s)) {
                    codes.add(s);
                } else {
                    String path = fact.name() + "[" + i + "]";
                    String allowed = String.join(", ", new TreeSet<>(fact.codes()));
                    problem(path, Kind.UNKNOWN_CODE, path + " is '" + code + "', not one of " + allowed,
                            path + " 的值 '" + code + "' 不在允许范围内（" + allowed + "）");
                }
            }
        } else if (raw != null) {
            wrongType(fact.name(), raw, "a list of codes", "代码列表");
        }
        put(fact.name(), Collections.unmodifiableSet(codes), List.copyOf(codes));
    }

    /** Counts of a dated list inside the period, with and without a ledger, per half-year. */
    private Map<String, Long> datedList(String list) {
        long inPeriod = 0;
        long withLedger = 0;
        long firstHalf = 0;
        long secondHalf = 0;
        Object raw = evidence.get(list);
        if (raw instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                String path = list + "[" + i + "]";
                if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                    wrongType(path, entries.get(i), "an object {date, ledger, ...}", "对象 {date, ledger, ...}");
                    continue;
                }
                LocalDate date = date(path + ".date", entry.get("date"));
                boolean ledger = ledger(path + ".ledger", entry.get("ledger"));
                if (entry.containsKey("attendees")) {
                    countValue(path + ".attendees", entry.get("attendees"));
                }
                if (date == null || !period.contains(date)) {
                    continue;
                }
                inPeriod++;
                if (ledger) {
                    withLedger++;
                    if (period.inFirstHalf(date)) {
                        firstHalf++;
                    } else {
                        secondHalf++;
                    }
                }
            }
        } else if (raw != null) {
            wrongType(list, raw, "a list", "列表");
        }
        String singular = list.substring(0, list.length() - 1);
        Map<String, Long> derived = new LinkedHashMap<>();
        derived.put(list + "InPeriod", inPeriod);
        derived.put(list + "WithLedgerInPeriod", withLedger);
        derived.put(list + "WithLedgerInFirstHalf", firstHalf);
        derived.put(list + "WithLedgerInSecondHalf", secondHalf);
        derived.put(singular + "HalvesWithLedger", (firstHalf > 0 ? 1L : 0L) + (secondHalf > 0 ? 1L : 0L));
        return derived;
    }

    private LocalDate date(String path, Object raw) {
        if (raw == null) {
            return null; // an undated entry cannot count, but a draft may still be filling it in
        }
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof String s && ISO_DATE.matcher(s).matches()) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                // falls through to the problem below
            }
        }
        problem(path, Kind.BAD_DATE, path + " is not a yyyy-MM-dd date: '" + raw + "'",
                path + " 不是 yyyy-MM-dd 格式的日期：'" + raw + "'");
        return null;
    }

    /** A ledger is {@code true} or a non-blank reference (e.g. an attachment id). */
    private boolean ledger(String path, Object raw) {
        if (raw == null) {
            return false;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            return !s.isBlank();
        }
        wrongType(path, raw, "true/false or a ledger reference", "是/否或台账引用");
        return false;
    }

    private void checkPart(String part, String whole) {
        if (reportedPaths.contains(part) || reportedPaths.contains(whole)) {
            return;
        }
        Object partValue = shown.get(part);
        Object wholeValue = shown.get(whole);
        if (partValue instanceof Long p && wholeValue instanceof Long w && p > w) {
            problem(part, Kind.PART_EXCEEDS_WHOLE, part + " (" + p + ") is more than " + whole + " (" + w + ")",
                    part + "（" + p + "）不能大于 " + whole + "（" + w + "）");
        }
    }

    private BigDecimal number(String path, Object raw) {
        if (raw instanceof Number n && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(raw instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            return raw instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        }
        wrongType(path, raw, "a number", "数字");
        return null;
    }

    /** Walks a dotted path; a non-object on the way is a wrong type, reported once. */
    private Object lookup(String path) {
        String[] segments = path.split("\\.");
        Object current = evidence;
        StringBuilder walked = new StringBuilder();
        for (String segment : segments) {
            if (current == null) {
                return null;
            }
            if (!(current instanceof Map<?, ?> map)) {
                String at = walked.toString();
                if (reportedPaths.add(at)) {
                    problems.add(new EvidenceProblem(at, Kind.WRONG_TYPE, at + " must be an object",
                            at + " 应为对象"));
                }
                return null;
            }
            current = map.get(segment);
            walked.append(walked.length() == 0 ? "" : ".").append(segment);
        }
        return current;
    }

    private void wrongType(String path, Object raw, String expected, String expectedZh) {
        String found = raw == null ? "null" : raw.getClass().getSimpleName();
        problem(path, Kind.WRONG_TYPE, path + " must be " + expected + ", found " + found,
                path + " 应为" + expectedZh);
    }

    private void problem(String path, Kind kind, String message, String messageZh) {
        reportedPaths.add(path);
        problems.add(new EvidenceProblem(path, kind, message, messageZh));
    }

    private void put(String name, Object value, Object display) {
        values.put(name, value);
        shown.put(name, display);
    }
}
