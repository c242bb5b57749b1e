package org.tsbase.notification.notifications;

import java.util.Map;

/**
 * Something that tells an organisation's contacts (or the reviewers) something: which event caused it, whose
 * contacts, and the mail template with the values it needs (the contact's name is added per recipient).
 *
 * @param key what makes the notifications of this trigger idempotent: a notification's id is derived from it, the
 *            contact and the channel. The event's id for an ordinary event; a deterministic key where several events
 *            (or a scheduled job run again) must lead to one mail, e.g. {@code RESULT_PUBLISHED:<application>:<result
 *            version>} or a reminder's {@code REMINDER_DRAFT:<call>:<organisation>:<day>}
 */
public record Trigger(
        String eventId,
        String eventType,
        String creditCode,
        String applicationId,
        String template,
        Map<String, String> model,
        String key) {

    public Trigger {
        model = Map.copyOf(model);
        key = key == null ? eventId : key;
    }

    /** A trigger made idempotent by its event's id. */
    public Trigger(String eventId, String eventType, String creditCode, String applicationId, String template,
            Map<String, String> model) {
        this(eventId, eventType, creditCode, applicationId, template, model, eventId);
    }
}
