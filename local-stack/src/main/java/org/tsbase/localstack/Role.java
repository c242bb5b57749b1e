package org.tsbase.localstack;

import java.util.Locale;

/** The roles of docs/conventions.md; a token's {@code roles} claim holds their names. */
public enum Role {
    APPLICANT("Demo applicant"),
    DISTRICT_REVIEWER("Demo district reviewer"),
    CITY_REVIEWER("Demo city reviewer"),
    ADMIN("Demo administrator");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    /** The {@code name} claim of the demo tokens: no person's name. */
    public String displayName() {
        return displayName;
    }

    /** Accepts {@code APPLICANT}, {@code applicant}, {@code district-reviewer}. */
    public static Role parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.startsWith("ROLE_")) {
            normalized = normalized.substring(5);
        }
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown role '" + text + "': use one of APPLICANT, DISTRICT_REVIEWER,"
                    + " CITY_REVIEWER, ADMIN");
        }
    }
}
