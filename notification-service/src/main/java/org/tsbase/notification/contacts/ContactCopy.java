package org.tsbase.notification.contacts;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The latest contact list of one organisation as contact-service published it; gone after its tombstone. */
@Document(ContactCopy.COLLECTION)
record ContactCopy(@Id String creditCode, List<Recipient> contacts, long version, Instant changedAt) {

    static final String COLLECTION = "contact_copies";
}
