package org.tsbase.scoring.ranking;

/** What decided the order between two neighbouring entries (申报通知: 择优推荐). */
public enum TieBreak {
    /** No neighbour on that side. */
    NONE,
    /** Higher total. */
    TOTAL,
    /** Equal total; higher base score (without bonus). */
    BASE,
    /** Equal total and base; more points on the activities criterion (P6 / Z7). */
    ACTIVITIES,
    /** Equal scores; submitted earlier. */
    SUBMITTED_AT,
    /** Equal in everything, even submission time: ordered by application id only so the result is stable. */
    APPLICATION_ID
}
