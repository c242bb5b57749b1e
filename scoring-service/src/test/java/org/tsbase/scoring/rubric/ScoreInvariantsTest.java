package org.tsbase.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over random valid evidence: every total lies in 0..100 with a bonus of at most 10, and adding
 * evidence (a yes, a code, a dated training/inspection/event with ledger, a count raised within its whole)
 * never lowers an automatic score.
 *
 * <p>Seeded random cases, one per seed, rather than jqwik: jqwik 1.10.1 does run on the JUnit Platform
 * 6.0.3 that Boot 4.0.7 manages, but its 1.10 releases print a notice asking AI coding agents not to use
 * it, and this code base is written with such agents. A failing seed is named in the test's display name
 * and reproduces exactly.
 */
class ScoreInvariantsTest {

    private static final RubricEngine ENGINE = new RubricEngine();
    private static final RubricDefinition POINT = BundledRubrics.load(BundledRubrics.POINT_2023);
    private static final RubricDefinition ZONE = BundledRubrics.load(BundledRubrics.ZONE_2023);
    private static final AssessmentPeriod PERIOD = TestEvidence.PERIOD;
    private static final int SEEDS_PER_TYPE = 250;
    private static final int IMPROVEMENTS = 12;

    static Stream<Arguments> cases() {
        return Stream.of(RubricType.values()).flatMap(type -> IntStream.rangeClosed(1, SEEDS_PER_TYPE)
                .mapToObj(seed -> Arguments.of(type, 1000L * type.ordinal() + seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void totalsStayInRangeAndMoreEvidenceNeverLowersTheAutomaticScore(RubricType type, long seed) {
        RubricDefinition rubric = type == RubricType.POINT ? POINT : ZONE;
        Random random = new Random(seed);
        Generator generator = new Generator(type, random);
        Map<String, Object> evidence = generator.evidence();

        ScoreResult before = ENGINE.score(rubric, evidence, PERIOD);
        assertInRange(rubric, before);

        for (int step = 0; step < IMPROVEMENTS; step++) {
            String change = generator.improve(evidence);
            ScoreResult after = ENGINE.score(rubric, evidence, PERIOD);
            assertInRange(rubric, after);
            assertThat(after.total()).as("total after %s", change).isGreaterThanOrEqualTo(before.total());
            for (CriterionScore line : after.criteria()) {
                assertThat(line.automaticPoints()).as("%s after %s", line.id(), change)
                        .isGreaterThanOrEqualTo(before.criterion(line.id()).orElseThrow().automaticPoints());
            }
            before = after;
        }
    }

    private static void assertInRange(RubricDefinition rubric, ScoreResult result) {
        assertThat(result.total()).isBetween(BigDecimal.ZERO, rubric.baseMax().add(rubric.bonusCap()));
        assertThat(result.total()).isLessThanOrEqualTo(new BigDecimal("100"));
        assertThat(result.bonus()).isBetween(BigDecimal.ZERO, new BigDecimal("10"));
        assertThat(result.base()).isBetween(BigDecimal.ZERO, new BigDecimal("90"));
        for (CriterionScore line : result.criteria()) {
            if (!line.bonus()) {
                assertThat(line.automaticPoints()).as(line.id()).isBetween(BigDecimal.ZERO, line.max());
            }
        }
        assertThat(result.passed()).isEqualTo(result.total().compareTo(rubric.passMark()) >= 0);
    }

    /** Random evidence that is valid for the catalogue: parts within their wholes, wholes above 0 where divided by. */
    private static final class Generator {

        private final RubricType type;
        private final Random random;
        private final List<FactDefinition> facts;
        private final Set<String> wholes;

        Generator(RubricType type, Random random) {
            this.type = type;
            this.random = random;
            this.facts = FactCatalog.facts(type);
            this.wholes = facts.stream().flatMap(f -> f.whole().stream()).collect(Collectors.toSet());
        }

        Map<String, Object> evidence() {
            Map<String, Object> evidence = new LinkedHashMap<>();
            // wholes first, so that parts can stay within them
            for (FactDefinition fact : facts) {
                if (wholes.contains(fact.name())) {
                    int low = fact.name().equals("enterprisesInPark") ? 1 : 0;
                    TestEvidence.put(evidence, fact.name(), low + random.nextInt(fact.name().equals("fullTimeStaff") ? 6 : 200));
                }
            }
            for (FactDefinition fact : facts) {
                if (wholes.contains(fact.name()) || random.nextInt(6) == 0) {
                    continue; // a whole is set already; some answers are left out, as in a draft
                }
                switch (fact.kind()) {
                    case BOOLEAN -> TestEvidence.put(evidence, fact.name(), random.nextBoolean());
                    case COUNT -> TestEvidence.put(evidence, fact.name(), fact.whole()
                            .map(whole -> random.nextInt(((Number) read(evidence, whole)).intValue() + 1))
                            .orElseGet(() -> random.nextInt(8)));
                    case AMOUNT -> TestEvidence.put(evidence, fact.name(), random.nextBoolean() ? 0
                            : BigDecimal.valueOf(random.nextInt(10_000_000), 2).doubleValue());
                    case CODES -> TestEvidence.put(evidence, fact.name(), fact.codes().stream()
                            .filter(c -> random.nextBoolean()).sorted().toList());
                    case DERIVED_COUNT -> {
                    }
                }
            }
            for (String list : FactCatalog.DATED_LISTS.get(type)) {
                List<Object> entries = new ArrayList<>();
                for (int i = random.nextInt(9); i > 0; i--) {
                    entries.add(entry(PERIOD.from().minusDays(90), PERIOD.to().plusDays(90), random.nextBoolean()));
                }
                evidence.put(list, entries);
            }
            return evidence;
        }

        /** Adds one piece of evidence; returns what it did, for the assertion message. */
        @SuppressWarnings("unchecked")
        String improve(Map<String, Object> evidence) {
            while (true) {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        List<FactDefinition> no = facts.stream().filter(f -> f.kind() == FactKind.BOOLEAN)
                                .filter(f -> !Boolean.TRUE.equals(read(evidence, f.name()))).toList();
                        if (!no.isEmpty()) {
                            String name = no.get(random.nextInt(no.size())).name();
                            TestEvidence.put(evidence, name, true);
                            return name + " = true";
                        }
                    }
                    case 1 -> {
                        FactDefinition codes = pick(FactKind.CODES);
                        Set<String> present = new TreeSet<>();
                        if (read(evidence, codes.name()) instanceof List<?> list) {
                            list.forEach(c -> present.add((String) c));
                        }
                        List<String> missing = codes.codes().stream().filter(c -> !present.contains(c)).sorted().toList();
                        if (!missing.isEmpty()) {
                            String code = missing.get(random.nextInt(missing.size()));
                            present.add(code);
                            TestEvidence.put(evidence, codes.name(), new ArrayList<>(present));
                            return codes.name() + " + " + code;
                        }
                    }
                    case 2 -> {
                        List<String> lists = FactCatalog.DATED_LISTS.get(type);
                        String list = lists.get(random.nextInt(lists.size()));
                        Map<String, Object> entry = entry(PERIOD.from(), PERIOD.to(), true);
                        ((List<Object>) evidence.computeIfAbsent(list, k -> new ArrayList<>())).add(entry);
                        return list + " + " + entry;
                    }
                    case 3 -> {
                        List<FactDefinition> raisable = facts.stream()
                                .filter(f -> f.kind() == FactKind.COUNT && !wholes.contains(f.name()))
                                .filter(f -> f.whole().map(w -> count(evidence, f.name()) < count(evidence, w)).orElse(true))
                                .toList();
                        if (!raisable.isEmpty()) {
                            FactDefinition fact = raisable.get(random.nextInt(raisable.size()));
                            int room = fact.whole().map(w -> count(evidence, w) - count(evidence, fact.name())).orElse(3);
                            int raised = count(evidence, fact.name()) + 1 + random.nextInt(room);
                            TestEvidence.put(evidence, fact.name(), raised);
                            return fact.name() + " = " + raised;
                        }
                    }
                    default -> {
                        FactDefinition amount = pick(FactKind.AMOUNT);
                        Object current = read(evidence, amount.name());
                        double raised = (current == null ? 0 : ((Number) current).doubleValue()) + 1 + random.nextInt(5000);
                        TestEvidence.put(evidence, amount.name(), raised);
                        return amount.name() + " = " + raised;
                    }
                }
            }
        }

        private FactDefinition pick(FactKind kind) {
            List<FactDefinition> candidates = facts.stream().filter(f -> f.kind() == kind).toList();
            return candidates.get(random.nextInt(candidates.size()));
        }

        private Map<String, Object> entry(LocalDate from, LocalDate to, boolean ledger) {
            long days = ChronoUnit.DAYS.between(from, to);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", from.plusDays((long) random.nextInt((int) days + 1)).toString());
            entry.put("ledger", ledger);
            return entry;
        }

        private static int count(Map<String, Object> evidence, String path) {
            Object value = read(evidence, path);
            return value == null ? 0 : ((Number) value).intValue();
        }

        private static Object read(Map<String, Object> evidence, String path) {
            Object current = evidence;
            for (String segment : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(segment);
            }
            return current;
        }
    }
}
