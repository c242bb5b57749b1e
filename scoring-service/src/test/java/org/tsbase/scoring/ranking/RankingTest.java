package org.tsbase.scoring.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tsbase.scoring.rubric.AssessmentPeriod;
import org.tsbase.scoring.rubric.BundledRubrics;
import org.tsbase.scoring.rubric.RubricEngine;
import org.tsbase.scoring.rubric.RubricType;
import org.tsbase.scoring.rubric.ScoreResult;

/** 申报通知: rank passed applications per type by total, then base, then activities, then earlier submission. */
class RankingTest {

    private static final Instant MAY_20 = Instant.parse("2023-05-20T02:00:00Z");
    private static final Instant MAY_30 = Instant.parse("2023-05-30T02:00:00Z");

    @Test
    void passedPointsInOrderOfTotalWithTheTopThreeProposed() {
        List<RankingEntry> entries = List.of(
                point("A", "85", "78", "26", MAY_20, true),
                point("B", "92", "82", "28", MAY_20, true),
                point("C", "79.99", "79.99", "30", MAY_20, false),
                point("D", "81", "75", "24", MAY_20, true),
                point("E", "88", "80", "27", MAY_20, true),
                zone("Z", "95", "85", "30", MAY_20, true));

        List<RankedEntry> ranked = Ranking.rank(RubricType.POINT, 3, entries);

        assertThat(ranked).extracting(r -> r.entry().applicationId(), RankedEntry::rank, RankedEntry::proposed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("B", 1, true),
                        org.assertj.core.groups.Tuple.tuple("E", 2, true),
                        org.assertj.core.groups.Tuple.tuple("A", 3, true),
                        org.assertj.core.groups.Tuple.tuple("D", 4, false));
        assertThat(ranked).allSatisfy(r -> assertThat(r.versusAbove()).isIn(TieBreak.NONE, TieBreak.TOTAL));
        assertThat(ranked.get(0).reason()).isEqualTo("总分最高");
        assertThat(ranked.get(3).reason()).isEqualTo("总分低于上一名");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # row                                                              | total A | base A | activities A | A first | total B | base B | activities B | B first | winner | decided by
            higher total wins whatever the base                                | 86      | 76     | 20           | false   | 85      | 85     | 30           | true    | A      | TOTAL
            equal total: higher base (without bonus) wins                      | 85      | 80     | 20           | false   | 85      | 79     | 30           | true    | A      | BASE
            equal total and base: more points on 活动开展有效 win              | 85      | 80     | 25.5         | false   | 85      | 80     | 25           | true    | A      | ACTIVITIES
            equal scores: the earlier submission wins                          | 85      | 80     | 25           | true    | 85      | 80     | 25           | false   | A      | SUBMITTED_AT
            85.00 and 85 are equal totals                                      | 85.00   | 80     | 24           | true    | 85      | 80.00  | 24           | false   | A      | SUBMITTED_AT
            """)
    void tieBreaks(String row, String totalA, String baseA, String activitiesA, boolean aFirst, String totalB,
            String baseB, String activitiesB, boolean bFirst, String winner, TieBreak decidedBy) {
        List<RankingEntry> entries = List.of(
                point("A", totalA, baseA, activitiesA, aFirst ? MAY_20 : MAY_30, true),
                point("B", totalB, baseB, activitiesB, bFirst ? MAY_20 : MAY_30, true));

        List<RankedEntry> ranked = Ranking.rank(RubricType.POINT, 1, entries);

        assertThat(ranked.get(0).entry().applicationId()).isEqualTo(winner);
        assertThat(ranked.get(0).proposed()).isTrue();
        assertThat(ranked.get(1).proposed()).isFalse();
        assertThat(ranked.get(0).versusBelow()).isEqualTo(decidedBy);
        assertThat(ranked.get(1).versusAbove()).isEqualTo(decidedBy);
        assertThat(ranked.get(0).versusAbove()).isEqualTo(TieBreak.NONE);
        assertThat(ranked.get(1).versusBelow()).isEqualTo(TieBreak.NONE);
    }

    @Test
    void theReasonAtTheQuotaLineSaysWhichTieBreakDecided() {
        List<RankedEntry> ranked = Ranking.rank(RubricType.ZONE, 1, List.of(
                zone("park-1", "88", "80", "26", MAY_30, true),
                zone("park-2", "88", "80", "27", MAY_30, true)));

        assertThat(ranked.get(0).entry().applicationId()).isEqualTo("park-2");
        assertThat(ranked.get(0).reason()).isEqualTo("总分、基础分与第二名相同，活动开展有效得分更高");
        assertThat(ranked.get(1).reason()).isEqualTo("总分、基础分与上一名相同，活动开展有效得分较低");
    }

    @Test
    void identicalEntriesAreOrderedByApplicationIdSoTheResultIsStable() {
        List<RankedEntry> ranked = Ranking.rank(RubricType.POINT, 3, List.of(
                point("b", "90", "80", "25", MAY_20, true), point("a", "90", "80", "25", MAY_20, true)));

        assertThat(ranked).extracting(r -> r.entry().applicationId()).containsExactly("a", "b");
        assertThat(ranked.get(1).versusAbove()).isEqualTo(TieBreak.APPLICATION_ID);
    }

    @Test
    void theOrderDoesNotDependOnTheInputOrder() {
        List<RankingEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            entries.add(point("app-" + i, String.valueOf(80 + i % 5), String.valueOf(72 + i % 3),
                    String.valueOf(20 + i % 4), MAY_20.plusSeconds(i % 7), true));
        }
        List<String> expected = ids(Ranking.rank(RubricType.POINT, 3, entries));
        Random random = new Random(7);
        for (int shuffle = 0; shuffle < 20; shuffle++) {
            Collections.shuffle(entries, random);
            assertThat(ids(Ranking.rank(RubricType.POINT, 3, entries))).isEqualTo(expected);
        }
    }

    @Test
    void aQuotaLargerThanThePassedEntriesProposesThemAllAndZeroProposesNone() {
        List<RankingEntry> entries = List.of(point("A", "85", "78", "26", MAY_20, true),
                point("B", "60", "55", "20", MAY_20, false));

        assertThat(Ranking.rank(RubricType.POINT, 3, entries)).singleElement()
                .satisfies(r -> assertThat(r.proposed()).isTrue());
        assertThat(Ranking.rank(RubricType.POINT, 0, entries)).singleElement()
                .satisfies(r -> assertThat(r.proposed()).isFalse());
        assertThat(Ranking.rank(RubricType.ZONE, 1, entries)).isEmpty();
        assertThatThrownBy(() -> Ranking.rank(RubricType.POINT, -1, entries)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A ranking read a page at a time (as from an index) places each entry exactly as the whole ranking does. */
    @Test
    void anyRunOfTheRankingWithItsNeighboursIsPlacedAsInTheWholeRanking() {
        List<RankingEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // few distinct values: ties on total, base, activities and submission time, down to the application id
            entries.add(point("app-" + (i % 13) + "-" + i, String.valueOf(85 + i % 3), String.valueOf(78 + i / 3 % 2),
                    String.valueOf(24 + i / 6 % 2), MAY_20.plusSeconds(i / 12 % 2), true));
        }
        List<RankedEntry> whole = Ranking.rank(RubricType.POINT, 3, entries);
        List<RankingEntry> ordered = whole.stream().map(RankedEntry::entry).toList();
        assertThat(ordered).isSortedAccordingTo(Ranking.order());
        assertThat(whole).extracting(RankedEntry::versusAbove).contains(TieBreak.TOTAL, TieBreak.BASE,
                TieBreak.ACTIVITIES, TieBreak.SUBMITTED_AT, TieBreak.APPLICATION_ID);
        for (int size = 1; size <= ordered.size(); size++) {
            List<RankedEntry> paged = new ArrayList<>();
            for (int from = 0; from < ordered.size(); from += size) {
                int to = Math.min(ordered.size(), from + size);
                paged.addAll(Ranking.slice(3, from + 1, from == 0 ? null : ordered.get(from - 1),
                        ordered.subList(from, to), to == ordered.size() ? null : ordered.get(to)));
            }
            assertThat(paged).as("pages of %d", size).isEqualTo(whole);
        }
    }

    @Test
    void anEntryIsBuiltFromAScore() {
        ScoreResult score = new RubricEngine().score(BundledRubrics.load(BundledRubrics.POINT_2023),
                java.util.Map.of("secretsInventoryDone", true, "internalPublicity", true, "liaisonDesignated", true),
                AssessmentPeriod.of("2022-06-01", "2023-05-31"));

        RankingEntry entry = RankingEntry.of("app-1", MAY_20, score);

        assertThat(entry.type()).isEqualTo(RubricType.POINT);
        assertThat(entry.total()).isEqualByComparingTo("11");
        assertThat(entry.base()).isEqualByComparingTo("9");
        assertThat(entry.activitiesPoints()).isEqualByComparingTo("4");
        assertThat(entry.passed()).isFalse();
    }

    private static List<String> ids(List<RankedEntry> ranked) {
        return ranked.stream().map(r -> r.entry().applicationId()).toList();
    }

    private static RankingEntry point(String id, String total, String base, String activities, Instant at, boolean passed) {
        return new RankingEntry(id, RubricType.POINT, new BigDecimal(total), new BigDecimal(base),
                new BigDecimal(activities), at, passed);
    }

    private static RankingEntry zone(String id, String total, String base, String activities, Instant at, boolean passed) {
        return new RankingEntry(id, RubricType.ZONE, new BigDecimal(total), new BigDecimal(base),
                new BigDecimal(activities), at, passed);
    }
}
