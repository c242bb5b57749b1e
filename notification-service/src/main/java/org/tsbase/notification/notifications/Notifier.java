package org.tsbase.notification.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.tsbase.notification.contacts.ContactDirectory;
import org.tsbase.notification.contacts.Recipient;

/**
 * Turns a trigger into one notification per contact and channel of the organisation it concerns, and no other
 * organisation. Inserting a notification under its deterministic id is the idempotency check: an event delivered
 * again finds its notifications and creates and sends nothing.
 */
@Service
public class Notifier {

    private final ContactDirectory contacts;
    private final MailTemplates templates;
    private final MongoTemplate mongo;
    private final Dispatcher dispatcher;
    private final Clock clock;

    Notifier(ContactDirectory contacts, MailTemplates templates, MongoTemplate mongo, Dispatcher dispatcher,
            Clock clock) {
        this.contacts = contacts;
        this.templates = templates;
        this.mongo = mongo;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Returns how many notifications this call created (0 when the event was seen before). */
    public int notify(Trigger trigger) {
        int created = 0;
        for (Recipient recipient : contacts.recipients(trigger.creditCode())) {
            for (String name : recipient.channels()) {
                Optional<Channel> channel = Channel.of(name);
                if (channel.isPresent() && create(trigger, recipient, channel.get())) {
                    created++;
                }
            }
        }
        return created;
    }

    private boolean create(Trigger trigger, Recipient recipient, Channel channel) {
        String id = NotificationIds.of(trigger.eventId(), recipient.contactId(), channel);
        if (mongo.exists(query(where("_id").is(id)), Notification.class)) {
            return false;
        }
        Map<String, String> model = new HashMap<>(trigger.model());
        model.put("contactName", recipient.name());
        MailTemplates.RenderedMail text = templates.render(trigger.template(), model);
        Instant now = clock.instant();
        Notification n = new Notification(id, trigger.eventId(), trigger.eventType(), trigger.creditCode(),
                trigger.applicationId(), recipient.contactId(), recipient.name(), channel,
                channel == Channel.EMAIL ? recipient.email() : recipient.mobilePhone(), text.subject(), text.body(),
                NotificationStatus.PENDING, 0, null, now, null, null, now, null, List.of());
        try {
            mongo.insert(n);
        } catch (DuplicateKeyException e) {
            return false;
        }
        dispatcher.sendSoon(id);
        return true;
    }
}
