package org.tsbase.application.attachment;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationService;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.intake.Workflow;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/**
 * Evidence files of a draft in GridFS. The file is stored first, then referenced from the application in one
 * guarded update (status still DRAFT, fewer files than the limit); if that update is refused the file is deleted
 * again, so a failed request leaves nothing behind.
 */
@Service
public class AttachmentService {

    private final ApplicationStore store;
    private final GridFsTemplate gridFs;
    private final AttachmentProperties limits;
    private final Clock clock;

    AttachmentService(ApplicationStore store, GridFsTemplate gridFs, AttachmentProperties limits, Clock clock) {
        this.store = store;
        this.gridFs = gridFs;
        this.limits = limits;
        this.clock = clock;
    }

    /** A stored file and what the application says about it. */
    public record Download(Application.Attachment attachment, GridFsResource resource) {
    }

    Application.Attachment upload(String applicationId, MultipartFile file, Application.AttachmentKind kind,
            Caller caller) {
        Application application = store.get(applicationId, ApplicationService.visibleTo(caller));
        requireMayAttach(application, caller);
        if (file == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "application.attachment-missing");
        }
        if (file.getSize() > limits.maxFileSize().toBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "application.attachment-too-large",
                    String.valueOf(limits.maxFileSize().toMegabytes()));
        }
        if (file.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "application.attachment-empty");
        }
        FileNames.requireHarmless(file.getOriginalFilename());
        String contentType = FileTypes.detect(header(file))
                .orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "application.attachment-type"));
        String sha256 = sha256(file);
        String fileName = FileNames.clean(file.getOriginalFilename(), contentType);
        ObjectId fileId;
        try (InputStream in = file.getInputStream()) {
            fileId = gridFs.store(in, fileName, contentType, new Document("applicationId", applicationId)
                    .append("sha256", sha256).append("uploadedBy", caller.subject()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Application.Attachment attachment = new Application.Attachment(fileId.toHexString(), fileName, contentType,
                file.getSize(), sha256, kind == null ? Application.AttachmentKind.OTHER : kind, clock.instant(),
                caller.subject());
        try {
            store.change(applicationId, OptionalLong.empty(), ApplicationService.visibleTo(caller), current -> {
                requireMayAttach(current, caller);
                return Optional.of(new Update().push("attachments", attachment));
            });
        } catch (RuntimeException e) {
            gridFs.delete(query(where("_id").is(fileId)));
            throw e;
        }
        return attachment;
    }

    Download download(String applicationId, String attachmentId, Caller caller) {
        Application application = store.get(applicationId, ApplicationService.visibleTo(caller));
        Application.Attachment attachment = find(application, attachmentId);
        GridFSFile file = gridFs.findOne(query(where("_id").is(new ObjectId(attachment.fileId()))));
        if (file == null) {
            throw ApiException.notFound("application.attachment-not-found");
        }
        return new Download(attachment, gridFs.getResource(file));
    }

    Application remove(String applicationId, String attachmentId, Caller caller) {
        Application changed = store.change(applicationId, OptionalLong.empty(), ApplicationService.visibleTo(caller),
                current -> {
                    requireMayChange(current, caller);
                    find(current, attachmentId);
                    return Optional.of(new Update().pull("attachments", new Document("fileId", attachmentId)));
                });
        gridFs.delete(query(where("_id").is(new ObjectId(attachmentId))));
        return changed;
    }

    private void requireMayAttach(Application application, Caller caller) {
        requireMayChange(application, caller);
        if (application.attachmentList().size() >= limits.maxPerApplication()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "application.attachment-too-many",
                    String.valueOf(limits.maxPerApplication()));
        }
    }

    private static void requireMayChange(Application application, Caller caller) {
        if (!caller.actsFor(application.creditCode())) {
            throw ApiException.forbidden();
        }
        Workflow.require(application, "action.attach", ApplicationStatus.DRAFT, ApplicationStatus.RETURNED);
    }

    private static Application.Attachment find(Application application, String attachmentId) {
        return application.attachmentList().stream().filter(a -> a.fileId().equals(attachmentId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("application.attachment-not-found"));
    }

    private static byte[] header(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes(FileTypes.HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(MultipartFile file) {
        try (DigestInputStream in = new DigestInputStream(file.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
