package org.tsbase.scoring.ranking;

/**
 * A passed application's place.
 *
 * @param rank        1 for the best
 * @param proposed    within the call's quota: a proposed candidate for the district's recommendation
 * @param versusAbove what placed it below the entry ranked just above ({@link TieBreak#NONE} for rank 1)
 * @param versusBelow what placed it above the entry ranked just below ({@link TieBreak#NONE} for the last)
 * @param reason      {@code versusAbove} (or, for rank 1, {@code versusBelow}) in words, in Chinese
 */
public record RankedEntry(RankingEntry entry, int rank, boolean proposed, TieBreak versusAbove,
        TieBreak versusBelow, String reason) {
}
