package org.tsbase.notification.notifications;

import java.util.Map;

/**
 * An event that tells an organisation's contacts something: which event (its id makes notifications idempotent),
 * whose contacts, and the mail template with the values it needs (the contact's name is added per recipient).
 */
public record Trigger(
        String eventId,
        String eventType,
        String creditCode,
        String applicationId,
        String template,
        Map<String, String> model) {

    public Trigger {
        model = Map.copyOf(model);
    }
}
