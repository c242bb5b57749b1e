package org.tsbase.notification.contacts;

/**
 * Published (as a Spring application event) after a contact list of an organisation was stored, so that what waited
 * for that organisation's contacts can be sent now.
 */
public record ContactsStored(String creditCode) {
}
