package org.tsbase.application.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.PointForm;
import org.tsbase.application.form.ZoneForm;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.outbox.OutboxEntry;

/**
 * One application, one versioned document: the form of its type ({@code point} for 附件2 or {@code zone} for 附件3,
 * the other one absent), attachments, status, the current score, the opinions, and the outbox of events not yet
 * acknowledged by the broker. Every change increments {@code version} in the same single-document update that
 * checks the version read before.
 *
 * @param slot "one application per organisation, call and type": {@code callId/type/creditCode} under a unique index
 *             while the application is live, {@code withdrawn/<id>} once withdrawn
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
        List<OutboxEntry> outbox) {

    public static final String COLLECTION = "applications";

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

    /** The same application with these events waiting in its outbox (for an insert). */
    public Application withOutbox(List<OutboxEntry> entries) {
        return new Application(id, callId, type, creditCode, slot, status, version, point, zone, attachments, score,
                districtOpinion, cityOpinion, createdAt, updatedAt, submittedAt, withdrawnAt, entries);
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
     * @param positive recommended, resp. accepted
     * @param by       the reviewer's token subject
     */
    public record Opinion(boolean positive, String text, String by, Instant at) {
    }

    /** Evidence file in GridFS, {@code fileId} its GridFS id (hex), also its id in the API. */
    public record Attachment(String fileId, String fileName, String contentType, long size, String sha256,
            AttachmentKind kind, Instant uploadedAt, String uploadedBy) {
    }

    /** 可另附页, 台账, the sealed form, or anything else. */
    public enum AttachmentKind { SUPPLEMENT, LEDGER, SEALED_FORM, OTHER }
}
