package org.tsbase.application.intake;

import java.time.Instant;

/** An evidence file as clients see it; {@code href} downloads it. */
public record AttachmentView(String id, String fileName, String contentType, long size, String sha256,
        Application.AttachmentKind kind, Instant uploadedAt, String href) {

    public static AttachmentView of(Application application, Application.Attachment a) {
        return new AttachmentView(a.fileId(), a.fileName(), a.contentType(), a.size(), a.sha256(), a.kind(),
                a.uploadedAt(), "/api/applications/" + application.id() + "/attachments/" + a.fileId());
    }
}
