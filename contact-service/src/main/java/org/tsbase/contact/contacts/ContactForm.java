package org.tsbase.contact.contacts;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A contact as an organisation fills it in (附件6): the body of POST and PUT. Unknown fields are refused by the shared
 * JSON settings, so {@code {"$ne": …}} can never reach a query.
 */
record ContactForm(
        String name,
        String department,
        String title,
        String officePhone,
        String mobilePhone,
        String email,
        String remarks,
        List<Channel> channels) {

    /** Surrounding blanks removed, blank optional fields absent, each channel once. */
    ContactForm normalized() {
        return new ContactForm(clean(name), clean(department), clean(title), clean(officePhone), clean(mobilePhone),
                clean(email), clean(remarks),
                channels == null ? List.of() : List.copyOf(new LinkedHashSet<>(channels.stream()
                        .filter(c -> c != null).toList())));
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }
}
