package org.tsbase.notification.contacts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.ContactsChanged;
import org.tsbase.events.EventTypes;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * The local copy of every organisation's contacts, kept from the compacted contact topic: a newer version replaces
 * an older one (a redelivered or out-of-date list changes nothing), a tombstone removes the organisation's copy.
 */
@Service
public class ContactDirectory {

    private static final Logger log = LoggerFactory.getLogger(ContactDirectory.class);

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher publisher;

    ContactDirectory(MongoTemplate mongo, ApplicationEventPublisher publisher) {
        this.mongo = mongo;
        this.publisher = publisher;
    }

    /** Who to notify for an organisation; empty when it has no contact (or they were all removed). */
    public List<Recipient> recipients(String creditCode) {
        return creditCode == null ? List.of()
                : Optional.ofNullable(mongo.findById(creditCode, ContactCopy.class)).map(ContactCopy::contacts)
                        .orElse(List.of());
    }

    void apply(ReceivedEvent event) {
        if (event.tombstone()) {
            if (event.key() != null) {
                mongo.remove(query(where("_id").is(event.key())), ContactCopy.class);
                log.info("contacts of {} removed (tombstone)", event.key());
            }
        } else if (event.is(EventTypes.CONTACTS_CHANGED)) {
            store(event.payload(ContactsChanged.class));
        }
    }

    private void store(ContactsChanged changed) {
        List<Recipient> recipients = changed.contacts().stream()
                .map(c -> new Recipient(c.contactId(), c.name(), c.email(), c.mobilePhone(), c.channels()))
                .toList();
        try {
            mongo.upsert(query(where("_id").is(changed.creditCode()).and("version").lt(changed.version())),
                    new Update().set("contacts", recipients).set("version", changed.version())
                            .set("changedAt", changed.changedAt()),
                    ContactCopy.class);
        } catch (DuplicateKeyException e) {
            // the copy already holds this version or a newer one
            log.debug("contacts of {} v{} already known", changed.creditCode(), changed.version());
        }
        if (!recipients.isEmpty()) {
            // also after a redelivery: what waited for these contacts may not have been sent before a crash
            publisher.publishEvent(new ContactsStored(changed.creditCode()));
        }
    }
}
