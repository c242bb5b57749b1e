package org.tsbase.application.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallText;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.Completeness;
import org.tsbase.application.form.PointForm;
import org.tsbase.application.form.ScoringFacts;
import org.tsbase.application.form.ZoneForm;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationCreated;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.EventTypes;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * One application, one versioned document, and the aggregate of the workflow: the form of its type ({@code point}
 * for 附件2 or {@code zone} for 附件3, the other one absent), attachments, status, the current score, the opinions,
 * the return for correction, what was recorded at submission, and the outbox of events not yet acknowledged by the
 * broker.
 *
 * <p>The workflow rules live in the methods below ({@link #submit}, {@link #edit}, {@link #withdraw},
 * {@link #returnForCorrection}, {@link #districtOpinion}, {@link #cityOpinion}): each checks its rules against this
 * state and what it is given (the call, the time, the contacts, the quota), and returns a {@link Decision}: the next
 * state and its events; a refusal is a {@link WorkflowException}. Pure: no I/O, no clock, no Spring bean. The store
 * persists a decision in one single-document update guarded by {@code version}, with the events in the outbox.
 *
 * @param slot "one application per organisation, call and type": {@code callId/type/creditCode} under a unique index
 *             while the application is live, {@code withdrawn/<id>} once withdrawn
 * @param submittedVersion the version the last submission produced (what scoring's results must be at least for)
 * @param correction the last return for correction (退回补正), answered or not
 * @param contactsAtSubmission 附件6 as it was when the application was last submitted
 * @param declaration the 承诺 accepted at the last submission, when the call asks for one
 * @param eligibilityFlags what reviewers should look at, found at the last submission (never a refusal)
 */
@Document(Application.COLLECTION)
// the lists (GET /api/applications): each filter the API offers, newest first, a page read in index order and its
// total counted from the index; see application-service/README.md
@CompoundIndex(name = "call_created", def = "{'callId': 1, 'createdAt': -1}")
@CompoundIndex(name = "call_type_created", def = "{'callId': 1, 'type': 1, 'createdAt': -1}")
@CompoundIndex(name = "call_type_status_created", def = "{'callId': 1, 'type': 1, 'status': 1, 'createdAt': -1}")
@CompoundIndex(name = "call_status_created", def = "{'callId': 1, 'status': 1, 'createdAt': -1}")
@CompoundIndex(name = "created", def = "{'createdAt': -1}")
public record Application(
        @Id String id,
        String callId,
        ApplicationType type,
        @Indexed String creditCode,
        @Indexed(unique = true) String slot,
        ApplicationStatus status,
        long version,
        PointForm point,
        ZoneForm zone,
        List<Attachment> attachments,
        Score score,
        Opinion districtOpinion,
        Opinion cityOpinion,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant withdrawnAt,
        List<OutboxEntry> outbox,
        Long submittedVersion,
        Correction correction,
        List<ContactSnapshot> contactsAtSubmission,
        Declaration declaration,
        List<EligibilityFlag> eligibilityFlags) {

    public static final String COLLECTION = "applications";
    public static final String DISTRICT = "DISTRICT";
    public static final String CITY = "CITY";

    // ---------------------------------------------------------------- state read

    public ApplicationForm form() {
        return type == ApplicationType.POINT ? point : zone;
    }

    public String organizationName() {
        ApplicationForm form = form();
        return form == null || form.organization() == null ? null : form.organization().name();
    }

    public List<Attachment> attachmentList() {
        return attachments == null ? List.of() : attachments;
    }

    /** A return for correction that was not answered by its deadline: shown as expired, computed on read. */
    public boolean returnExpiredAt(Instant now) {
        return status == ApplicationStatus.RETURNED && correction != null && now.isAfter(correction.deadline());
    }

    /** The same application with these events waiting in its outbox (for an insert). */
    public Application withOutbox(List<OutboxEntry> entries) {
        return builder().outbox(entries).build();
    }

    public static String slot(String callId, ApplicationType type, String creditCode) {
        return callId + "/" + type + "/" + creditCode;
    }

    public static String withdrawnSlot(String id) {
        return "withdrawn/" + id;
    }

    /** Where the form of a type is stored. */
    public static String formField(ApplicationType type) {
        return type == ApplicationType.POINT ? "point" : "zone";
    }

    // ---------------------------------------------------------------- the workflow

    /** The next state and the events of one step; {@code next == current} with no events when nothing changes. */
    public record Decision(Application next, List<Event> events) {
    }

    /** An event of a step: its CloudEvents type and its payload (a record of event-contracts). */
    public record Event(String type, Object payload) {
    }

    /** A new draft and its {@code application.created} event. */
    public static Decision start(String id, String callId, ApplicationForm form, Instant now) {
        ApplicationType type = form instanceof PointForm ? ApplicationType.POINT : ApplicationType.ZONE;
        String creditCode = form.organization().creditCode();
        Application draft = new Application(id, callId, type, creditCode, slot(callId, type, creditCode),
                ApplicationStatus.DRAFT, 1, form instanceof PointForm pf ? pf : null,
                form instanceof ZoneForm zf ? zf : null, List.of(), null, null, null, now, now, null, null, List.of(),
                null, null, null, null, null);
        return new Decision(draft, List.of(new Event(EventTypes.APPLICATION_CREATED, new ApplicationCreated(id, callId,
                type, creditCode, draft.organizationName(), 1, now))));
    }

    /**
     * Replaces the form: a draft, or a returned application before its correction deadline. The identity (credit
     * code) never changes.
     */
    public Decision edit(ApplicationForm form, Instant now) {
        Workflow.require(this, "action.edit", ApplicationStatus.DRAFT, ApplicationStatus.RETURNED);
        requireReturnNotExpired(now);
        if (!form.organization().creditCode().equals(creditCode)) {
            new Problems().add("organization.creditCode", "v.immutable").throwIfAny();
        }
        Builder b = step(now);
        if (type == ApplicationType.POINT) {
            b.point((PointForm) form);
        } else {
            b.zone((ZoneForm) form);
        }
        return new Decision(b.build(), List.of());
    }

    /** Attachments change like the form: on a draft, or a returned application before its deadline. */
    public void requireAttachmentsChangeable(Instant now) {
        Workflow.require(this, "action.attach", ApplicationStatus.DRAFT, ApplicationStatus.RETURNED);
        requireReturnNotExpired(now);
    }

    /**
     * What a submission is given besides the application: the call, the time, the organisation's contacts as
     * application-service knows them (附件6), whether the applicant accepted the call's declaration, who submits.
     *
     * @param history the demo seeder recreating the history of a call (its window long closed, its contacts not
     *                registered): window, contacts, sealed form and declaration are not checked
     */
    public record Submission(Call call, Instant now, List<ContactSnapshot> contacts, boolean declarationAccepted,
            String by, boolean history) {
    }

    /**
     * 提交 (DRAFT) or 补正后重新提交 (RETURNED): a draft within the call's window, a returned application before its
     * correction deadline even after the call closed. Everything missing is one 422 listing it: form fields, a
     * contact with a way to reach them (附件6), the sealed form where the call requires it, the declaration where the
     * call asks for one. Records the contacts, the declaration and the eligibility flags; the submitted event carries
     * the new version, so a resubmission is rescored.
     */
    public Decision submit(Submission s) {
        Workflow.require(this, "action.submit", ApplicationStatus.DRAFT, ApplicationStatus.RETURNED);
        Call call = s.call();
        if (status == ApplicationStatus.RETURNED) {
            requireReturnNotExpired(s.now());
        } else if (!s.history() && call.phaseAt(s.now()) != Call.Phase.OPEN) {
            throw new WorkflowException.RuleBroken("call.window-closed", call.title(),
                    CallText.minute(call.applicationOpens()), CallText.minute(call.applicationCloses()));
        }
        Problems missing = Completeness.check(form());
        List<ContactSnapshot> reachable = s.contacts() == null ? List.of()
                : s.contacts().stream().filter(ContactSnapshot::reachable).toList();
        if (!s.history()) {
            if (reachable.isEmpty()) {
                missing.add("contacts", "application.v.no-contact");
            }
            if (call.sealedFormRequired()
                    && attachmentList().stream().noneMatch(a -> a.kind() == AttachmentKind.SEALED_FORM)) {
                missing.add("attachments.SEALED_FORM", "application.v.sealed-form");
            }
            if (call.declarationText() != null && !s.declarationAccepted()) {
                missing.add("declarationAccepted", "application.v.declaration", call.declarationText());
            }
        }
        if (!missing.isEmpty()) {
            throw new WorkflowException.RuleBroken(missing.list(), "application.incomplete",
                    String.valueOf(missing.list().size()));
        }
        long nextVersion = version + 1;
        List<EligibilityFlag> flags = Eligibility.flags(this, call);
        Builder b = step(s.now()).status(ApplicationStatus.SUBMITTED).submittedAt(s.now())
                .submittedVersion(nextVersion).contactsAtSubmission(s.contacts() == null ? List.of() : s.contacts())
                .declaration(call.declarationText() != null && s.declarationAccepted()
                        ? new Declaration(call.declarationText(), s.now(), s.by()) : null)
                .eligibilityFlags(flags);
        if (status == ApplicationStatus.RETURNED) {
            b.correction(correction.answered(s.now()));
        }
        Application next = b.build();
        return new Decision(next, List.of(new Event(EventTypes.APPLICATION_SUBMITTED, new ApplicationSubmitted(id,
                callId, type, nextVersion, s.now(), ScoringFacts.organization(next.form()),
                ScoringFacts.evidence(next.form()),
                flags.stream().map(f -> new ApplicationSubmitted.EligibilityFlag(f.code(), f.message())).toList()))));
    }

    /** 撤回: a draft, a submitted application not yet scored, or a returned one; the slot is freed. */
    public Decision withdraw(Instant now) {
        Workflow.require(this, "action.withdraw", ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED,
                ApplicationStatus.RETURNED);
        Application next = step(now).status(ApplicationStatus.WITHDRAWN).withdrawnAt(now).slot(withdrawnSlot(id))
                .build();
        return new Decision(next, List.of(new Event(EventTypes.APPLICATION_WITHDRAWN, new ApplicationWithdrawn(id,
                callId, type, creditCode, organizationName(), next.version(), status.name(), now))));
    }

    /**
     * 退回补正: the district returns a submitted or scored application with a reason and a deadline in the future;
     * the applicant may correct and submit it again until then.
     */
    public Decision returnForCorrection(String reason, Instant deadline, String by, Instant now) {
        Workflow.require(this, "action.return", ApplicationStatus.SUBMITTED, ApplicationStatus.SCORED);
        if (!deadline.isAfter(now)) {
            throw new WorkflowException.RuleBroken("return.deadline-past", CallText.minute(deadline));
        }
        Correction c = new Correction(reason, deadline, by, now, null);
        Application next = step(now).status(ApplicationStatus.RETURNED).correction(c).build();
        return new Decision(next, List.of(new Event(EventTypes.APPLICATION_RETURNED, new ApplicationReturned(id,
                callId, type, creditCode, organizationName(), next.version(), status.name(), reason, deadline, by,
                now))));
    }

    /**
     * The district's recommendation as far as this application decides it, before a quota slot is taken: status
     * SCORED, the call's review period (or a reopening), the pass mark for a recommendation, an override only by
     * ADMIN (who gives no opinion otherwise: the controller lets ADMIN in only with an override). Checked again by
     * {@link #districtOpinion}.
     */
    public void requireDistrictOpinion(Call call, boolean recommended, AdminOverride override, boolean byAdmin,
            Instant now) {
        if (override != null && !byAdmin) {
            throw new WorkflowException.NotAllowed("recommend.override-admin-only");
        }
        Workflow.require(this, "action.district-opinion", ApplicationStatus.SCORED);
        if (!call.reviewOpenAt(now)) {
            throw new WorkflowException.RuleBroken("review.closed", call.title(),
                    String.valueOf(call.reviewStarts()), String.valueOf(call.reviewEnds()));
        }
        if (recommended && override == null && (score == null || !score.passed())) {
            throw new WorkflowException.RuleBroken("recommend.below-pass-mark",
                    score == null ? "-" : score.total().toPlainString());
        }
    }

    /** Whether a quota slot was taken for this recommendation ({@code null} when none is needed: not recommended). */
    public enum Quota { HELD, EXHAUSTED }

    /**
     * 推荐意见: within the review period, a recommendation only of an application that passed and within the call's
     * quota for the type ({@code quota}: whether a slot is held for this application), unless ADMIN overrides with a
     * written reason (recorded on the opinion and in its event).
     */
    public Decision districtOpinion(Call call, boolean recommended, String text, String by, AdminOverride override,
            boolean byAdmin, Quota quota, Instant now) {
        requireDistrictOpinion(call, recommended, override, byAdmin, now);
        if (recommended && quota != Quota.HELD && override == null) {
            throw new WorkflowException.QuotaExhausted("type." + type, call.quota(type).orElse(0));
        }
        Opinion opinion = new Opinion(recommended, text, by, now, override == null ? null : override.reason());
        ApplicationStatus to = recommended ? ApplicationStatus.RECOMMENDED : ApplicationStatus.NOT_RECOMMENDED;
        return opinionStep(DISTRICT, opinion, to, now);
    }

    /** 验收意见: once the district recommended the application. */
    public Decision cityOpinion(boolean accepted, String text, String by, Instant now) {
        Workflow.require(this, "action.city-opinion", ApplicationStatus.RECOMMENDED);
        Opinion opinion = new Opinion(accepted, text, by, now, null);
        return opinionStep(CITY, opinion, accepted ? ApplicationStatus.ACCEPTED : ApplicationStatus.REJECTED, now);
    }

    private Decision opinionStep(String kind, Opinion opinion, ApplicationStatus to, Instant now) {
        Builder b = step(now).status(to);
        if (DISTRICT.equals(kind)) {
            b.districtOpinion(opinion);
        } else {
            b.cityOpinion(opinion);
        }
        Application next = b.build();
        return new Decision(next, List.of(new Event(EventTypes.APPLICATION_STATUS_CHANGED,
                new ApplicationStatusChanged(id, callId, type, creditCode, organizationName(), next.version(),
                        status.name(), to.name(), new ApplicationStatusChanged.Opinion(kind, opinion.positive(),
                                opinion.text(), opinion.by(), opinion.at(), opinion.overrideReason()), now))));
    }

    private void requireReturnNotExpired(Instant now) {
        if (returnExpiredAt(now)) {
            throw new WorkflowException.RuleBroken("return.expired", CallText.minute(correction.deadline()));
        }
    }

    /** The next version of this application, changed at {@code now}. */
    private Builder step(Instant now) {
        return builder().version(version + 1).updatedAt(now);
    }

    // ---------------------------------------------------------------- parts

    /**
     * The latest score result shown on the application. Ordered by ({@code applicationVersion},
     * {@code resultVersion}): an older or repeated result changes nothing.
     */
    public record Score(BigDecimal total, BigDecimal base, BigDecimal bonus, boolean passed, String rubricId,
            int rubricVersion, long applicationVersion, long resultVersion, String cause, Instant computedAt) {
    }

    /**
     * 推荐意见 (district) or 验收意见 (city).
     *
     * @param positive       recommended, resp. accepted
     * @param by             the reviewer's token subject
     * @param overrideReason an ADMIN's written reason for recommending beyond the quota or below the pass mark
     */
    public record Opinion(boolean positive, String text, String by, Instant at, String overrideReason) {
    }

    /** ADMIN's override of the quota and the pass mark for one recommendation, with its written reason. */
    public record AdminOverride(String reason) {
    }

    /**
     * 退回补正.
     *
     * @param deadline   the last moment a corrected application is accepted
     * @param answeredAt when it was submitted again; null while open
     */
    public record Correction(String reason, Instant deadline, String by, Instant at, Instant answeredAt) {

        Correction answered(Instant now) {
            return new Correction(reason, deadline, by, at, now);
        }
    }

    /** One contact person (附件6) as registered when the application was submitted. */
    public record ContactSnapshot(String name, String department, String title, String officePhone,
            String mobilePhone, String email) {

        /** Whether someone can reach this person: an e-mail address or a phone number. */
        public boolean reachable() {
            return present(email) || present(mobilePhone) || present(officePhone);
        }

        private static boolean present(String s) {
            return s != null && !s.isBlank();
        }
    }

    /** The 承诺 accepted with the submission: its text, when and by whom. */
    public record Declaration(String text, Instant acceptedAt, String by) {
    }

    /** Something a reviewer should look at; never a refusal. */
    public record EligibilityFlag(String code, String message) {
    }

    /** Evidence file in GridFS, {@code fileId} its GridFS id (hex), also its id in the API. */
    public record Attachment(String fileId, String fileName, String contentType, long size, String sha256,
            AttachmentKind kind, Instant uploadedAt, String uploadedBy) {
    }

    /** 可另附页, 台账, the sealed form, or anything else. */
    public enum AttachmentKind { SUPPLEMENT, LEDGER, SEALED_FORM, OTHER }

    // ---------------------------------------------------------------- copying

    public Builder builder() {
        return new Builder(this);
    }

    /** A changed copy; records have no withers, and 23 components are too many for positional copies everywhere. */
    public static final class Builder {
        private String id, callId, creditCode, slot;
        private ApplicationType type;
        private ApplicationStatus status;
        private long version;
        private PointForm point;
        private ZoneForm zone;
        private List<Attachment> attachments;
        private Score score;
        private Opinion districtOpinion, cityOpinion;
        private Instant createdAt, updatedAt, submittedAt, withdrawnAt;
        private List<OutboxEntry> outbox;
        private Long submittedVersion;
        private Correction correction;
        private List<ContactSnapshot> contactsAtSubmission;
        private Declaration declaration;
        private List<EligibilityFlag> eligibilityFlags;

        private Builder(Application a) {
            id = a.id; callId = a.callId; type = a.type; creditCode = a.creditCode; slot = a.slot;
            status = a.status; version = a.version; point = a.point; zone = a.zone; attachments = a.attachments;
            score = a.score; districtOpinion = a.districtOpinion; cityOpinion = a.cityOpinion;
            createdAt = a.createdAt; updatedAt = a.updatedAt; submittedAt = a.submittedAt;
            withdrawnAt = a.withdrawnAt; outbox = a.outbox; submittedVersion = a.submittedVersion;
            correction = a.correction; contactsAtSubmission = a.contactsAtSubmission; declaration = a.declaration;
            eligibilityFlags = a.eligibilityFlags;
        }

        public Builder status(ApplicationStatus v) { status = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder slot(String v) { slot = v; return this; }
        public Builder point(PointForm v) { point = v; return this; }
        public Builder zone(ZoneForm v) { zone = v; return this; }
        public Builder attachments(List<Attachment> v) { attachments = v == null ? null : new ArrayList<>(v); return this; }
        public Builder score(Score v) { score = v; return this; }
        public Builder districtOpinion(Opinion v) { districtOpinion = v; return this; }
        public Builder cityOpinion(Opinion v) { cityOpinion = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder submittedAt(Instant v) { submittedAt = v; return this; }
        public Builder withdrawnAt(Instant v) { withdrawnAt = v; return this; }
        public Builder outbox(List<OutboxEntry> v) { outbox = v; return this; }
        public Builder submittedVersion(Long v) { submittedVersion = v; return this; }
        public Builder correction(Correction v) { correction = v; return this; }
        public Builder contactsAtSubmission(List<ContactSnapshot> v) { contactsAtSubmission = List.copyOf(v); return this; }
        public Builder declaration(Declaration v) { declaration = v; return this; }
        public Builder eligibilityFlags(List<EligibilityFlag> v) { eligibilityFlags = List.copyOf(v); return this; }

        public Application build() {
            return new Application(id, callId, type, creditCode, slot, status, version, point, zone, attachments,
                    score, districtOpinion, cityOpinion, createdAt, updatedAt, submittedAt, withdrawnAt, outbox,
                    submittedVersion, correction, contactsAtSubmission, declaration, eligibilityFlags);
        }
    }
}
