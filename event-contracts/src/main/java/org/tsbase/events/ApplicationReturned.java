package org.tsbase.events;

import java.time.Instant;

/**
 * 退回补正: a DISTRICT_REVIEWER returned a submitted (or scored) application to its organisation for correction.
 * The application is editable again (status RETURNED) and may be submitted again until {@code deadline}; a new
 * {@code application.submitted} event then follows with the new version. No personal data.
 *
 * @param deadline the last second a corrected application is accepted (the end of the day named, Beijing time)
 */
public record ApplicationReturned(
        String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        long version,
        String fromStatus,
        String reason,
        Instant deadline,
        String by,
        Instant returnedAt) {
}
