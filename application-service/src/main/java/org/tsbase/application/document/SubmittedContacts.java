package org.tsbase.application.document;

import java.util.List;
import java.util.Optional;
import org.tsbase.application.intake.Application;
import org.tsbase.support.privacy.Masking;
import org.tsbase.support.security.Caller;

/**
 * The contacts (附件6) of the organisation as they were when the application was last submitted
 * ({@link Application#contactsAtSubmission()}), as the printed form shows them: mobile phones and e-mail addresses
 * masked for readers who do not act for the organisation, as in the JSON.
 */
final class SubmittedContacts {

    private SubmittedContacts() {
    }

    /** The snapshot as stored (unmasked), or empty when the application keeps none (a draft). */
    static Optional<List<ContactRow>> of(Application a) {
        if (a.contactsAtSubmission() == null) {
            return Optional.empty();
        }
        return Optional.of(a.contactsAtSubmission().stream().map(c -> new ContactRow(c.name(), c.department(),
                c.title(), c.officePhone(), c.mobilePhone(), c.email(), null)).toList());
    }

    static List<ContactRow> masked(List<ContactRow> rows, Application a, Caller caller) {
        if (caller.actsFor(a.creditCode())) {
            return rows;
        }
        return rows.stream().map(r -> new ContactRow(r.name(), r.department(), r.title(), r.officePhone(),
                Masking.phone(r.mobilePhone()), Masking.email(r.email()), r.remarks())).toList();
    }
}
