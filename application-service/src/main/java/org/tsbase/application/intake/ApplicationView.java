package org.tsbase.application.intake;

import java.time.Instant;
import java.util.List;
import org.tsbase.application.form.ApplicantOpinion;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.Completeness;
import org.tsbase.application.form.Contact;
import org.tsbase.application.form.Evidence;
import org.tsbase.application.form.Organization;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.privacy.Masking;
import org.tsbase.support.security.Caller;

/**
 * An application as clients see it. The contact's phone and e-mail are masked for readers who do not act for the
 * organisation (reviewers); {@code missingFields} lists what a draft still needs before it can be submitted.
 */
public record ApplicationView(
        String id,
        String callId,
        ApplicationType type,
        ApplicationStatus status,
        long version,
        Organization organization,
        Contact contact,
        String workDescription,
        Evidence evidence,
        ApplicantOpinion applicantOpinion,
        List<AttachmentView> attachments,
        Application.Score score,
        DistrictOpinion districtOpinion,
        CityOpinion cityOpinion,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant withdrawnAt,
        List<String> missingFields) {

    /** 推荐意见. */
    public record DistrictOpinion(boolean recommended, String text, String by, Instant at) {
    }

    /** 验收意见. */
    public record CityOpinion(boolean accepted, String text, String by, Instant at) {
    }

    public static ApplicationView of(Application a, Caller caller) {
        ApplicationForm form = a.form();
        Contact contact = form == null ? null : form.contact();
        if (contact != null && !caller.actsFor(a.creditCode())) {
            contact = new Contact(contact.name(), contact.title(), Masking.phone(contact.phone()),
                    Masking.email(contact.email()));
        }
        Application.Opinion d = a.districtOpinion();
        Application.Opinion c = a.cityOpinion();
        return new ApplicationView(a.id(), a.callId(), a.type(), a.status(), a.version(),
                form == null ? null : form.organization(), contact, form == null ? null : form.workDescription(),
                form == null ? null : form.evidence(), form == null ? null : form.applicantOpinion(),
                a.attachmentList().stream().map(x -> AttachmentView.of(a, x)).toList(), a.score(),
                d == null ? null : new DistrictOpinion(d.positive(), d.text(), d.by(), d.at()),
                c == null ? null : new CityOpinion(c.positive(), c.text(), c.by(), c.at()),
                a.createdAt(), a.updatedAt(), a.submittedAt(), a.withdrawnAt(),
                a.status() == ApplicationStatus.DRAFT && form != null ? Completeness.missing(form) : List.of());
    }
}
