package org.tsbase.notification.notifications;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * One message to one contact on one channel for one event. Its id is derived from event, contact and channel, so
 * inserting it is the idempotency check: a redelivered event finds it and sends nothing twice. Subject and body are
 * rendered once, at creation, so that a retry or a resend sends the same text. {@code claim} marks the attempt under
 * way (until {@code nextAttemptAt}), so that no two senders ever send the same record at once.
 */
@Document(Notification.COLLECTION)
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "organization", def = "{'creditCode': 1, 'createdAt': -1}")
// the log's other filters (GET /api/notifications), newest first, so that a page reads only itself
@CompoundIndex(name = "application", def = "{'applicationId': 1, 'createdAt': -1}")
@CompoundIndex(name = "status_created", def = "{'status': 1, 'createdAt': -1}")
@CompoundIndex(name = "created", def = "{'createdAt': -1}")
record Notification(
        @Id String id,
        String eventId,
        String eventType,
        String creditCode,
        String applicationId,
        String contactId,
        String recipientName,
        Channel channel,
        String address,
        String subject,
        String body,
        NotificationStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant sentAt,
        Instant nextAttemptAt,
        String claim,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "notifications";
}
