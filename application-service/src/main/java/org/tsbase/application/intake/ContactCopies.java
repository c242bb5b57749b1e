package org.tsbase.application.intake;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.ContactsChanged;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.KafkaSupportConfiguration;
import org.tsbase.support.kafka.PoisonEventException;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * This service's own copy of every organisation's contacts (附件6), kept from the compacted contact topic, so that
 * submission can require a contact without calling contact-service on the request path. Idempotent: a list is
 * stored only over an older version (a redelivered or out-of-date list changes nothing); a tombstone removes the
 * organisation's copy. Unreadable records go to {@code tsbase.contacts-dlt} (service-support's error handler). No
 * personal data is logged, only credit codes.
 */
@Component
public class ContactCopies {

    private static final Logger log = LoggerFactory.getLogger(ContactCopies.class);

    @Document("organization-contacts")
    record Copy(@Id String creditCode, List<Application.ContactSnapshot> contacts, long version, Instant changedAt) {
    }

    private final MongoTemplate mongo;

    ContactCopies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The organisation's contacts as last published; empty when it has none (or none known yet). */
    public List<Application.ContactSnapshot> of(String creditCode) {
        return Optional.ofNullable(mongo.findById(creditCode, Copy.class)).map(Copy::contacts).orElse(List.of());
    }

    @KafkaListener(topics = Topics.CONTACTS, concurrency = KafkaSupportConfiguration.CONSUMERS_PER_LISTENER)
    void on(ConsumerRecord<String, byte[]> record) {
        apply(ReceivedEvent.of(record));
    }

    void apply(ReceivedEvent event) {
        if (event.tombstone()) {
            if (event.key() != null) {
                mongo.remove(query(where("_id").is(event.key())), Copy.class);
                log.info("contacts of {} removed (tombstone)", event.key());
            }
            return;
        }
        if (!event.is(EventTypes.CONTACTS_CHANGED)) {
            return;
        }
        ContactsChanged changed = event.payload(ContactsChanged.class);
        if (changed.creditCode() == null || changed.contacts() == null) {
            throw new PoisonEventException("contacts event " + event.id() + " without credit code or list");
        }
        List<Application.ContactSnapshot> contacts = changed.contacts().stream()
                // the contact topic carries only what notifying needs (contact-service's data minimisation: no
                // department, title or office phone; e-mail and mobile only for the channels chosen)
                .map(c -> new Application.ContactSnapshot(c.name(), null, null, null, c.mobilePhone(), c.email()))
                .toList();
        try {
            mongo.upsert(query(where("_id").is(changed.creditCode()).and("version").lt(changed.version())),
                    new Update().set("contacts", contacts).set("version", changed.version())
                            .set("changedAt", changed.changedAt()),
                    Copy.class);
        } catch (DuplicateKeyException e) {
            // the copy already holds this version or a newer one
            log.debug("contacts of {} v{} already known", changed.creditCode(), changed.version());
        }
    }
}
