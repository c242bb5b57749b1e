package org.tsbase.contact.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ContactsChanged;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * An organisation, keyed by its 统一社会信用代码, with its contacts: one document, so that every change of the
 * contact list and the event announcing it are written in one single-document update guarded by {@code version}.
 */
@Document(Organization.COLLECTION)
record Organization(
        @Id String creditCode,
        List<Contact> contacts,
        long version,
        Instant updatedAt,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "organizations";

    Organization {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        outbox = outbox == null ? List.of() : outbox;
    }

    /** An organisation nobody has registered a contact for yet. */
    static Organization none(String creditCode) {
        return new Organization(creditCode, List.of(), 0, null, List.of());
    }

    Optional<Contact> contact(String contactId) {
        return contacts.stream().filter(c -> c.contactId().equals(contactId)).findFirst();
    }

    List<Contact> with(Contact added) {
        List<Contact> next = new ArrayList<>(contacts);
        next.add(added);
        return next;
    }

    List<Contact> replacing(Contact changed) {
        return contacts.stream().map(c -> c.contactId().equals(changed.contactId()) ? changed : c).toList();
    }

    List<Contact> without(String contactId) {
        return contacts.stream().filter(c -> !c.contactId().equals(contactId)).toList();
    }

    /**
     * What notification-service needs of a contact list, and no more: no office phone, department or remarks; the
     * e-mail address only for those who want e-mail, the mobile number only for those who want text messages.
     */
    static ContactsChanged event(String creditCode, List<Contact> contacts, long version, Instant at) {
        return new ContactsChanged(creditCode, contacts.stream()
                .map(c -> new ContactsChanged.Contact(c.contactId(), c.name(),
                        c.channels().contains(Channel.EMAIL) ? c.email() : null,
                        c.channels().contains(Channel.SMS) ? c.mobilePhone() : null,
                        c.channels().stream().map(Channel::name).toList()))
                .toList(), version, at);
    }
}
