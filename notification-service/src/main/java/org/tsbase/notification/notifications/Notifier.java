package org.tsbase.notification.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.tsbase.notification.contacts.ContactDirectory;
import org.tsbase.notification.contacts.ContactsStored;
import org.tsbase.notification.contacts.Recipient;

/**
 * Turns a trigger into one notification per contact and channel of the organisation it concerns, and no other
 * organisation. Inserting a notification under its deterministic id is the idempotency check: an event delivered
 * again finds its notifications and creates and sends nothing.
 *
 * <p>A trigger for an organisation whose contacts are not known (yet) waits as a {@link WaitingTrigger} and is sent
 * when they arrive ({@link ContactsStored}), if that is within {@code tsbase.notifications.wait-for-contacts}. Both
 * sides look again after their own write (the trigger at the contacts after parking, the contacts at the parked
 * triggers after storing), so whichever comes second sends it; should both, the notification ids make it once.
 */
@Service
public class Notifier {

    private final ContactDirectory contacts;
    private final MailTemplates templates;
    private final MongoTemplate mongo;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration waitForContacts;

    Notifier(ContactDirectory contacts, MailTemplates templates, MongoTemplate mongo, Dispatcher dispatcher,
            Clock clock, @Value("${tsbase.notifications.wait-for-contacts:7d}") Duration waitForContacts) {
        this.contacts = contacts;
        this.templates = templates;
        this.mongo = mongo;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.waitForContacts = waitForContacts;
    }

    /**
     * Returns how many notifications this call created (0 when the event was seen before, or when it waits for the
     * organisation's contacts).
     */
    public int notify(Trigger trigger) {
        List<Recipient> recipients = contacts.recipients(trigger.creditCode());
        if (recipients.isEmpty() && trigger.creditCode() != null) {
            mongo.save(new WaitingTrigger(trigger.key(), trigger.creditCode(), trigger, clock.instant()));
            // the contacts may have been stored since the first look, and have missed this trigger
            recipients = contacts.recipients(trigger.creditCode());
            if (recipients.isEmpty()) {
                return 0;
            }
            int created = create(trigger, recipients);
            mongo.remove(query(where("_id").is(trigger.key())), WaitingTrigger.class);
            return created;
        }
        return create(trigger, recipients);
    }

    /**
     * For a reminder: the organisation's contacts known now, or nobody (a reminder does not wait for contacts; the
     * next run of the job, while the reminder is still due, reaches contacts registered since).
     */
    public int notifyKnownContacts(Trigger trigger) {
        return create(trigger, contacts.recipients(trigger.creditCode()));
    }

    /** To recipients that are not an organisation's contacts (the reviewers); idempotent by the trigger's key. */
    public int notifyRecipients(Trigger trigger, List<Recipient> recipients) {
        return create(trigger, recipients);
    }

    /** Sends what waited for this organisation's contacts; drops what waited longer than the configured time. */
    @EventListener
    void contactsArrived(ContactsStored stored) {
        Instant oldest = clock.instant().minus(waitForContacts);
        List<WaitingTrigger> waitingTriggers = mongo.find(query(where("creditCode").is(stored.creditCode())),
                WaitingTrigger.class);
        if (waitingTriggers.isEmpty()) {
            return;
        }
        List<Recipient> recipients = contacts.recipients(stored.creditCode());
        for (WaitingTrigger waiting : waitingTriggers) {
            if (!waiting.waitingSince().isBefore(oldest)) {
                create(waiting.trigger(), recipients);
            }
            mongo.remove(query(where("_id").is(waiting.eventId())), WaitingTrigger.class);
        }
    }

    /**
     * Forgets what waited longer than {@code wait-for-contacts} for an organisation that never registered a contact;
     * reads the {@code waitingSince} index, so its cost follows what expired, not what is stored.
     */
    @Scheduled(fixedDelayString = "${tsbase.notifications.wait-cleanup-interval:1h}", initialDelayString = "1m")
    public void forgetExpired() {
        mongo.remove(query(where("waitingSince").lt(clock.instant().minus(waitForContacts))), WaitingTrigger.class);
    }

    private int create(Trigger trigger, List<Recipient> recipients) {
        int created = 0;
        for (Recipient recipient : recipients) {
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
        String id = NotificationIds.of(trigger.key(), recipient.contactId(), channel);
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
