package org.tsbase.notification.contacts;

import java.util.List;

/**
 * A contact person as notification needs it: where to write, on which channels.
 *
 * @param email       present when the contact chose EMAIL
 * @param mobilePhone present when the contact chose SMS
 */
public record Recipient(String contactId, String name, String email, String mobilePhone, List<String> channels) {

    public Recipient {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
