package org.tsbase.support.outbox;

import java.time.Clock;
import java.util.UUID;
import org.tsbase.events.EventJson;

/** Makes outbox entries: one id per event, the payload in the one JSON mapping all events share. */
public final class OutboxEvents {

    private final Clock clock;

    public OutboxEvents(Clock clock) {
        this.clock = clock;
    }

    public OutboxEntry event(String topic, String key, String type, Object payload) {
        return new OutboxEntry(UUID.randomUUID().toString(), topic, key, type, key, clock.instant(),
                EventJson.toJson(payload), false);
    }

    public OutboxEntry replayed(String topic, String key, String type, Object payload) {
        return new OutboxEntry(UUID.randomUUID().toString(), topic, key, type, key, clock.instant(),
                EventJson.toJson(payload), true);
    }

    /** A null value on a compacted topic: once compacted, nothing of the key is left. */
    public OutboxEntry tombstone(String topic, String key, String type) {
        return new OutboxEntry(UUID.randomUUID().toString(), topic, key, type, key, clock.instant(), null, false);
    }
}
