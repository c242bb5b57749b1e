package org.tsbase.application.intake;

import java.util.EnumSet;
import java.util.Set;

/**
 * DRAFT → SUBMITTED → SCORED → RECOMMENDED | NOT_RECOMMENDED → ACCEPTED | REJECTED; SUBMITTED or SCORED → RETURNED
 * (退回补正) → SUBMITTED again; WITHDRAWN from DRAFT, SUBMITTED or RETURNED.
 */
public enum ApplicationStatus {
    DRAFT, SUBMITTED, SCORED, RECOMMENDED, NOT_RECOMMENDED, ACCEPTED, REJECTED, WITHDRAWN, RETURNED;

    /** Submitted at some point and not withdrawn: what a score may be shown on. */
    public static final Set<ApplicationStatus> SUBMITTED_OR_LATER =
            EnumSet.of(SUBMITTED, SCORED, RECOMMENDED, NOT_RECOMMENDED, ACCEPTED, REJECTED);

    public String label() {
        return "status." + name();
    }
}
