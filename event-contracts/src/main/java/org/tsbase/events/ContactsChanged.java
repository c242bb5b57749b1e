package org.tsbase.events;

import java.time.Instant;
import java.util.List;

/**
 * The current contacts (附件6) of one organisation, keyed by its credit code on the compacted contact topic.
 * Compaction keeps only the latest list, so a removed contact's details disappear from the topic; an organisation
 * with no contact left is published as a tombstone (null value).
 */
public record ContactsChanged(
        String creditCode,
        List<Contact> contacts,
        long version,
        Instant changedAt) {

    public record Contact(
            String contactId,
            String name,
            String email,
            String mobilePhone,
            List<String> channels) {
    }
}
