package org.tsbase.scoring.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.tsbase.scoring.rubric.RubricType;

/**
 * Ranks the applications of one call and type that passed (申报通知 §一/§二, RUBRICS.md): total desc, then
 * base score desc, then the activities criterion desc, then earlier submission; the top {@code quota}
 * are proposed candidates. A pure function.
 */
public final class Ranking {

    private static final Comparator<RankingEntry> ORDER = Comparator
            .comparing(RankingEntry::total, Comparator.reverseOrder())
            .thenComparing(RankingEntry::base, Comparator.reverseOrder())
            .thenComparing(RankingEntry::activitiesPoints, Comparator.reverseOrder())
            .thenComparing(RankingEntry::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(RankingEntry::applicationId);

    private Ranking() {
    }

    /**
     * @param type    which applications to rank; entries of the other type are left out
     * @param quota   how many to propose (2023: 3 points, 1 zone)
     * @param entries the call's scored applications; those that did not pass are left out
     * @return the passed entries of {@code type} in rank order
     */
    public static List<RankedEntry> rank(RubricType type, int quota, Collection<RankingEntry> entries) {
        if (quota < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + quota);
        }
        List<RankingEntry> ordered = entries.stream()
                .filter(e -> e.type() == type && e.passed())
                .sorted(ORDER)
                .toList();
        return slice(quota, 1, null, ordered, null);
    }

    /**
     * The places of a run of consecutive passed entries of a ranking that is held elsewhere in rank order (an index):
     * the same ranks, proposals, tie-breaks and reasons as {@link #rank} gives those entries within the whole.
     *
     * @param firstRank the rank of {@code run}'s first entry
     * @param above     the entry ranked just above the run, null if the run starts the ranking
     * @param run       the entries in rank order ({@link #order()})
     * @param below     the entry ranked just below the run, null if the run ends the ranking
     */
    public static List<RankedEntry> slice(int quota, int firstRank, RankingEntry above, List<RankingEntry> run,
            RankingEntry below) {
        if (quota < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + quota);
        }
        List<RankedEntry> ranked = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            RankingEntry previous = i == 0 ? above : run.get(i - 1);
            RankingEntry next = i == run.size() - 1 ? below : run.get(i + 1);
            int rank = firstRank + i;
            TieBreak versusAbove = previous == null ? TieBreak.NONE : decidedBy(previous, run.get(i));
            TieBreak versusBelow = next == null ? TieBreak.NONE : decidedBy(run.get(i), next);
            ranked.add(new RankedEntry(run.get(i), rank, rank <= quota, versusAbove, versusBelow,
                    rank == 1 ? describeFirst(versusBelow) : describeBelow(versusAbove)));
        }
        return List.copyOf(ranked);
    }

    /** The order of a ranking: total desc, base desc, activities desc, earlier submission, then application id. */
    public static Comparator<RankingEntry> order() {
        return ORDER;
    }

    /** The first criterion on which {@code better} beats {@code worse}. */
    static TieBreak decidedBy(RankingEntry better, RankingEntry worse) {
        if (better.total().compareTo(worse.total()) != 0) {
            return TieBreak.TOTAL;
        }
        if (better.base().compareTo(worse.base()) != 0) {
            return TieBreak.BASE;
        }
        if (better.activitiesPoints().compareTo(worse.activitiesPoints()) != 0) {
            return TieBreak.ACTIVITIES;
        }
        if (better.submittedAt() != null && !better.submittedAt().equals(worse.submittedAt())) {
            return TieBreak.SUBMITTED_AT;
        }
        return TieBreak.APPLICATION_ID;
    }

    private static String describeFirst(TieBreak below) {
        return switch (below) {
            case NONE, TOTAL -> "总分最高";
            case BASE -> "总分与第二名相同，基础分更高";
            case ACTIVITIES -> "总分、基础分与第二名相同，活动开展有效得分更高";
            case SUBMITTED_AT -> "得分与第二名相同，提交时间更早";
            case APPLICATION_ID -> "得分与提交时间均与第二名相同，按申请编号排序";
        };
    }

    private static String describeBelow(TieBreak above) {
        return switch (above) {
            case NONE, TOTAL -> "总分低于上一名";
            case BASE -> "总分与上一名相同，基础分较低";
            case ACTIVITIES -> "总分、基础分与上一名相同，活动开展有效得分较低";
            case SUBMITTED_AT -> "得分与上一名相同，提交时间较晚";
            case APPLICATION_ID -> "得分与提交时间均与上一名相同，按申请编号排序";
        };
    }
}
