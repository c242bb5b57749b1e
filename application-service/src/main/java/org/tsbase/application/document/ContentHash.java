package org.tsbase.application.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.intake.Application;
import org.tsbase.events.ApplicationType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SHA-256 printed in a form's footer: of the record's content as canonical JSON (properties sorted, no
 * whitespace): the form as its organisation filled it in, the attachments' names and hashes, status, opinions, the
 * contacts at submission and the version. The same version of an application gives the same hash to every reader
 * (masking changes what is printed, not the hash), so a printed copy can be matched to the record.
 */
final class ContentHash {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    record Content(String id, String callId, ApplicationType type, long version, String status,
            ApplicationForm form, List<AttachmentContent> attachments, Application.Opinion districtOpinion,
            Application.Opinion cityOpinion, Instant submittedAt, List<ContactRow> contactsAtSubmission) {
    }

    record AttachmentContent(String fileId, String fileName, String contentType, long size, String sha256,
            String kind) {
    }

    private ContentHash() {
    }

    static String of(Application a, List<ContactRow> contactsAtSubmission) {
        Content content = new Content(a.id(), a.callId(), a.type(), a.version(), a.status().name(), a.form(),
                a.attachmentList().stream().map(x -> new AttachmentContent(x.fileId(), x.fileName(),
                        x.contentType(), x.size(), x.sha256(), x.kind() == null ? null : x.kind().name())).toList(),
                a.districtOpinion(), a.cityOpinion(), a.submittedAt(), contactsAtSubmission);
        return sha256(CANONICAL.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
