package org.tsbase.notification.calls;

import java.time.Instant;

/**
 * Published (as a Spring application event) after a call copy was stored whose results are published and whose
 * scores have not all been mailed yet for that publication.
 */
public record ResultsPublished(String callId, Instant publishedAt) {
}
