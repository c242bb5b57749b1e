package org.tsbase.events;

/** Kafka topic names. Every consumed topic has a dead-letter twin named {@code <topic>-dlt}. */
public final class Topics {

    /** Compacted, keyed by call id: windows, quotas, rubric ids, assessment period. */
    public static final String CALLS = "tsbase.calls";
    /** Full history kept (retention unlimited), keyed by application id: the source of replays. */
    public static final String APPLICATIONS = "tsbase.applications";
    /** Keyed by application id. */
    public static final String SCORES = "tsbase.scores";
    /** Compacted, keyed by organisation credit code; a tombstone once an organisation has no contact left. */
    public static final String CONTACTS = "tsbase.contacts";
    /**
     * Keyed by call id: scoring's decisions that concern a call (a rubric version uploaded for it, a rescoring replay
     * of it), for the audit trail.
     */
    public static final String SCORING_DECISIONS = "tsbase.scoring-decisions";
    /** Keyed by application id (or credit code when no application is concerned). */
    public static final String NOTIFICATIONS = "tsbase.notifications";

    /** Suffix spring-kafka 4's DeadLetterPublishingRecoverer uses by default. */
    public static final String DLT_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
