package org.tsbase.application.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.tsbase.application.call.Call;
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
 * An application as clients see it. Phone numbers and e-mail addresses (the form's contact, the contacts recorded
 * at submission) are masked for readers who do not act for the organisation (reviewers; API.md's rule for
 * contacts); {@code missingFields} lists what a draft still needs before it can be submitted. An applicant sees its
 * score only once the district published the call's results; eligibility flags are for reviewers and ADMIN.
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
        @Schema(description = "hidden from the applicant until the call's results are published") Application.Score score,
        DistrictOpinion districtOpinion,
        CityOpinion cityOpinion,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant withdrawnAt,
        List<String> missingFields,
        @Schema(description = "退回补正: the last return for correction, answered or not") Application.Correction correction,
        @Schema(description = "a return for correction not answered by its deadline (computed when read)") boolean returnExpired,
        @Schema(description = "附件6 as registered at the last submission") List<Application.ContactSnapshot> contactsAtSubmission,
        @Schema(description = "the 承诺 accepted at the last submission") Application.Declaration declaration,
        @Schema(description = "for reviewers and ADMIN: what to look at (never a refusal)") List<Application.EligibilityFlag> eligibilityFlags) {

    /** 推荐意见; {@code overrideReason}: ADMIN's written reason for a recommendation beyond the quota or pass mark. */
    public record DistrictOpinion(boolean recommended, String text, String by, Instant at, String overrideReason) {
    }

    /** 验收意见. */
    public record CityOpinion(boolean accepted, String text, String by, Instant at) {
    }

    /** Without the call at hand: the score is hidden from applicants, the return's expiry is judged by the system clock. */
    public static ApplicationView of(Application a, Caller caller) {
        return of(a, caller, null, Instant.now());
    }

    public static ApplicationView of(Application a, Caller caller, Call call, Instant now) {
        ApplicationForm form = a.form();
        boolean unmasked = caller.actsFor(a.creditCode());
        Contact contact = form == null ? null : form.contact();
        if (contact != null && !unmasked) {
            contact = new Contact(contact.name(), contact.title(), Masking.phone(contact.phone()),
                    Masking.email(contact.email()));
        }
        List<Application.ContactSnapshot> contacts = a.contactsAtSubmission() == null ? List.of()
                : a.contactsAtSubmission().stream().map(c -> unmasked ? c : new Application.ContactSnapshot(c.name(),
                        c.department(), c.title(), Masking.phone(c.officePhone()), Masking.phone(c.mobilePhone()),
                        Masking.email(c.email()))).toList();
        boolean scoreVisible = caller.readsAll() || (call != null && call.resultsPublished());
        Application.Opinion d = a.districtOpinion();
        Application.Opinion c = a.cityOpinion();
        return new ApplicationView(a.id(), a.callId(), a.type(), a.status(), a.version(),
                form == null ? null : form.organization(), contact, form == null ? null : form.workDescription(),
                form == null ? null : form.evidence(), form == null ? null : form.applicantOpinion(),
                a.attachmentList().stream().map(x -> AttachmentView.of(a, x)).toList(),
                scoreVisible ? a.score() : null,
                d == null ? null : new DistrictOpinion(d.positive(), d.text(), d.by(), d.at(), d.overrideReason()),
                c == null ? null : new CityOpinion(c.positive(), c.text(), c.by(), c.at()),
                a.createdAt(), a.updatedAt(), a.submittedAt(), a.withdrawnAt(),
                (a.status() == ApplicationStatus.DRAFT || a.status() == ApplicationStatus.RETURNED) && form != null
                        ? Completeness.missing(form) : List.of(),
                a.correction(), a.returnExpiredAt(now), contacts, a.declaration(),
                caller.readsAll() && a.eligibilityFlags() != null ? a.eligibilityFlags() : List.of());
    }
}
