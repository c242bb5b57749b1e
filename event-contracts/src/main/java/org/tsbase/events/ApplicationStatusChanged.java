package org.tsbase.events;

import java.time.Instant;

/** A workflow step other than submission and withdrawal, with the opinion that caused it, if any. */
public record ApplicationStatusChanged(
        String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        long version,
        String fromStatus,
        String toStatus,
        Opinion opinion,
        Instant changedAt) {

    /**
     * @param kind     {@code DISTRICT} (推荐意见) or {@code CITY} (验收意见)
     * @param positive       recommended, or accepted
     * @param overrideReason an ADMIN's written reason for recommending beyond the quota or below the pass mark;
     *                       null for an ordinary opinion
     */
    public record Opinion(String kind, boolean positive, String text, String by, Instant at, String overrideReason) {

        public Opinion(String kind, boolean positive, String text, String by, Instant at) {
            this(kind, positive, text, by, at, null);
        }
    }
}
