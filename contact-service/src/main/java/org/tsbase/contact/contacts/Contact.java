package org.tsbase.contact.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    /** Whether this contact already holds exactly what {@code form} asks to store. */
    boolean sameDetailsAs(ContactForm form) {
        return Objects.equals(name, form.name()) && Objects.equals(department, form.department())
                && Objects.equals(title, form.title()) && Objects.equals(officePhone, form.officePhone())
                && Objects.equals(mobilePhone, form.mobilePhone()) && Objects.equals(email, form.email())
                && Objects.equals(remarks, form.remarks()) && Objects.equals(channels, form.channels());
    }

    Contact replacedBy(ContactForm form, Instant now) {
        return new Contact(contactId, form.name(), form.department(), form.title(), form.officePhone(),
                form.mobilePhone(), form.email(), form.remarks(), form.channels(), createdAt, now);
    }
}
