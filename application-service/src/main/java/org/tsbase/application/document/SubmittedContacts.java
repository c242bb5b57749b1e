package org.tsbase.application.document;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tsbase.application.intake.Application;
import org.tsbase.support.privacy.Masking;
import org.tsbase.support.security.Caller;

/**
 * The contacts (附件6) of the organisation as they were when the application was submitted, as the printed form
 * shows them: mobile phones and e-mail addresses masked for readers who do not act for the organisation.
 *
 * <p>The snapshot ({@code contactsAtSubmission} on the application) is being added by the intake work at the same
 * time as the documents; until it lands on {@link Application} this reads it by its record component's name, so the
 * form prints it as soon as it exists and says "not kept" before. Replace with the accessor once it is there.
 */
final class SubmittedContacts {

    static final String COMPONENT = "contactsAtSubmission";

    private SubmittedContacts() {
    }

    /** The snapshot as stored (unmasked), or empty when the application keeps none. */
    static Optional<List<ContactRow>> of(Application a) {
        for (RecordComponent c : Application.class.getRecordComponents()) {
            if (c.getName().equals(COMPONENT)) {
                Object value = read(c, a);
                if (!(value instanceof List<?> list)) {
                    return Optional.empty();
                }
                List<ContactRow> rows = new ArrayList<>();
                for (Object contact : list) {
                    rows.add(new ContactRow(text(contact, "name"), text(contact, "department"),
                            text(contact, "title"), text(contact, "officePhone"), text(contact, "mobilePhone"),
                            text(contact, "email"), text(contact, "remarks")));
                }
                return Optional.of(rows);
            }
        }
        return Optional.empty();
    }

    static List<ContactRow> masked(List<ContactRow> rows, Application a, Caller caller) {
        if (caller.actsFor(a.creditCode())) {
            return rows;
        }
        return rows.stream().map(r -> new ContactRow(r.name(), r.department(), r.title(), r.officePhone(),
                Masking.phone(r.mobilePhone()), Masking.email(r.email()), r.remarks())).toList();
    }

    private static String text(Object record, String component) {
        if (record == null || !record.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                Object v = read(c, record);
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
