package org.tsbase.contact.contacts;

/** How a contact wants to be told: by e-mail or by text message. */
enum Channel {
    EMAIL, SMS
}
