package org.tsbase.application.attachment;

import java.net.URI;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationService;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.intake.AttachmentView;
import org.tsbase.support.security.Caller;

/**
 * Evidence files (可另附页, 台账, the sealed form): uploaded to a draft as multipart part {@code file} with an
 * optional {@code kind}; downloaded by whoever may see the application, under its original (Chinese) name.
 */
@RestController
@RequestMapping("/api/applications/{id}/attachments")
class AttachmentController {

    private final AttachmentService attachments;
    private final ApplicationStore store;

    AttachmentController(AttachmentService attachments, ApplicationStore store) {
        this.attachments = attachments;
        this.store = store;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<AttachmentView> upload(@PathVariable String id,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "kind", required = false) Application.AttachmentKind kind, Caller caller,
            HttpServletRequest request) {
        FileNames.requireClosedQuotes(fileDisposition(request));
        Application.Attachment a = attachments.upload(id, file, kind, caller);
        AttachmentView view = new AttachmentView(a.fileId(), a.fileName(), a.contentType(), a.size(), a.sha256(),
                a.kind(), a.uploadedAt(), "/api/applications/" + id + "/attachments/" + a.fileId());
        return ResponseEntity.created(URI.create(view.href())).body(view);
    }

    /** The file part's {@code Content-Disposition} as sent; null when there is none (reported by the upload). */
    private static String fileDisposition(HttpServletRequest request) {
        try {
            Part part = request.getPart("file");
            return part == null ? null : part.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        } catch (IOException | ServletException e) {
            return null;
        }
    }

    @GetMapping
    List<AttachmentView> list(@PathVariable String id, Caller caller) {
        Application application = store.get(id, ApplicationService.visibleTo(caller));
        return application.attachmentList().stream().map(a -> AttachmentView.of(application, a)).toList();
    }

    @GetMapping("/{attachmentId}")
    ResponseEntity<Resource> download(@PathVariable String id, @PathVariable String attachmentId, Caller caller) {
        AttachmentService.Download d = attachments.download(id, attachmentId, caller);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.attachment().contentType()))
                .contentLength(d.attachment().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(d.attachment().fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .eTag("\"" + d.attachment().sha256() + "\"")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(d.resource());
    }

    @DeleteMapping("/{attachmentId}")
    @PreAuthorize("hasAnyRole('APPLICANT', 'ADMIN')")
    ResponseEntity<Void> remove(@PathVariable String id, @PathVariable String attachmentId, Caller caller) {
        attachments.remove(id, attachmentId, caller);
        return ResponseEntity.noContent().build();
    }
}
