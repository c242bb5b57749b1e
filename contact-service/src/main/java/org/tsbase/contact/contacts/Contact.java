package org.tsbase.contact.contacts;

import java.time.Instant;
import java.util.List;

/** One contact person of an organisation (附件6 工作联络人信息表), as stored. */
record Contact(
        String contactId,
        String name,
        String department,
        String title,
        String officePhone,
        String mobilePhone,
        String email,
        String remarks,
        List<Channel> channels,
        Instant createdAt,
        Instant updatedAt) {

    static Contact create(String contactId, ContactForm form, Instant now) {
        return new Contact(contactId, form.name(), form.department(), form.title(), form.officePhone(),
                form.mobilePhone(), form.email(), form.remarks(), form.channels(), now, now);
    }

    Contact replacedBy(ContactForm form, Instant now) {
        return new Contact(contactId, form.name(), form.department(), form.title(), form.officePhone(),
                form.mobilePhone(), form.email(), form.remarks(), form.channels(), createdAt, now);
    }
}
