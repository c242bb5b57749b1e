package org.tsbase.support.outbox;

import java.time.Instant;

/**
 * An event waiting in its aggregate's own document until the broker has acknowledged it. Written in the same
 * single-document update as the state change it records, so that neither can exist without the other.
 *
 * @param data    the JSON payload; {@code null} for a tombstone on a compacted topic
 * @param replay  re-published by a replay: consumers must not repeat side effects
 */
public record OutboxEntry(
        String eventId,
        String topic,
        String key,
        String type,
        String subject,
        Instant time,
        String data,
        boolean replay) {

    public boolean tombstone() {
        return data == null;
    }
}
