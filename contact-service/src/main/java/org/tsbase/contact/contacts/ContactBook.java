package org.tsbase.contact.contacts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * Changes an organisation's contact list. Each change is one single-document write that sets the new list, raises
 * the version and pushes the {@code ContactsChanged} event (or, when no contact is left, a tombstone) into the
 * document's outbox, guarded by the version it was computed from: a concurrent change makes it fail with 409.
 */
@Service
class ContactBook {

    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ContactProperties properties;

    ContactBook(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock,
            ContactProperties properties) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
        this.properties = properties;
    }

    /** The organisation as stored, or one without contacts (version 0) when nobody has registered any yet. */
    Organization organization(String creditCode) {
        return Optional.ofNullable(mongo.findById(creditCode, Organization.class))
                .orElseGet(() -> Organization.none(creditCode));
    }

    /**
     * Adds a contact; a contact with exactly these details already on the list is returned as it is (not created
     * again), so a client that retries after a lost answer does not register the same person twice.
     */
    Change add(String creditCode, ContactForm form, OptionalLong expectedVersion) {
        Organization current = current(creditCode, expectedVersion);
        Optional<Contact> same = current.contacts().stream().filter(c -> c.sameDetailsAs(form)).findFirst();
        if (same.isPresent()) {
            return new Change(current.version(), same, false);
        }
        if (current.contacts().size() >= properties.maxPerOrganization()) {
            throw ApiException.invalid(List.of(new FieldProblem("contacts", "contact.contacts.too-many",
                    String.valueOf(properties.maxPerOrganization()))));
        }
        Instant now = clock.instant();
        Contact added = Contact.create(UUID.randomUUID().toString(), form, now);
        return new Change(write(current, current.with(added), now), Optional.of(added), true);
    }

    Change replace(String creditCode, String contactId, ContactForm form, OptionalLong expectedVersion) {
        Organization current = current(creditCode, expectedVersion);
        Instant now = clock.instant();
        Contact changed = current.contact(contactId)
                .orElseThrow(() -> ApiException.notFound("contact.not-found"))
                .replacedBy(form, now);
        return new Change(write(current, current.replacing(changed), now), Optional.of(changed), true);
    }

    Change remove(String creditCode, String contactId, OptionalLong expectedVersion) {
        Organization current = current(creditCode, expectedVersion);
        current.contact(contactId).orElseThrow(() -> ApiException.notFound("contact.not-found"));
        return new Change(write(current, current.without(contactId), clock.instant()), Optional.empty(), true);
    }

    private Organization current(String creditCode, OptionalLong expectedVersion) {
        Organization current = organization(creditCode);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw ApiException.conflict("contact.version-conflict", String.valueOf(current.version()));
        }
        return current;
    }

    /** Writes the next list and its event in one update; returns the new version. */
    private long write(Organization current, List<Contact> next, Instant now) {
        String code = current.creditCode();
        long version = current.version() + 1;
        OutboxEntry event = next.isEmpty()
                ? events.tombstone(Topics.CONTACTS, code, EventTypes.CONTACTS_CHANGED)
                : events.event(Topics.CONTACTS, code, EventTypes.CONTACTS_CHANGED,
                        Organization.event(code, next, version, now));
        if (current.version() == 0) {
            // never stored (stored organisations start at version 1): a concurrent first write loses on the key
            try {
                mongo.insert(new Organization(code, next, version, now, List.of(event)));
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("contact.version-conflict", "1");
            }
        } else {
            long matched = mongo.updateFirst(
                    query(where("_id").is(code).and("version").is(current.version())),
                    new Update().set("contacts", next).set("version", version).set("updatedAt", now)
                            .push("outbox", event),
                    Organization.class).getMatchedCount();
            if (matched == 0) {
                throw ApiException.conflict("contact.version-conflict", String.valueOf(organization(code).version()));
            }
        }
        relay.publishSoon(Organization.COLLECTION, code);
        return version;
    }

    /**
     * The organisation's version after a change, the contact it concerned (none after a removal), and whether
     * anything was written (not for an add of a contact already on the list).
     */
    record Change(long version, Optional<Contact> contact, boolean written) {
    }
}
