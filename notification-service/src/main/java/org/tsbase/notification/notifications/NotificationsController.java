package org.tsbase.notification.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.support.privacy.Masking;
import org.tsbase.support.security.Caller;
import org.tsbase.support.security.Role;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * The notification log: what was sent to whom, on which channel, for which event. An applicant sees only its own
 * organisation's notifications (a filter on another organisation finds nothing); reviewers and ADMIN see all.
 * Recipients are shown in full to ADMIN and to the organisation itself, masked to reviewers.
 */
@Tag(name = "notifications", description = "通知记录")
@RestController
@RequestMapping("/api/notifications")
class NotificationsController {

    static final int MAX_PAGE_SIZE = 100;

    private final MongoTemplate mongo;
    private final Dispatcher dispatcher;

    NotificationsController(MongoTemplate mongo, Dispatcher dispatcher) {
        this.mongo = mongo;
        this.dispatcher = dispatcher;
    }

    @Operation(summary = "List notifications, newest first")
    @GetMapping
    NotificationPage list(@RequestParam(required = false) String creditCode,
            @RequestParam(required = false) String applicationId,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "notification.page.invalid"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "notification.size.invalid", String.valueOf(MAX_PAGE_SIZE)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Optional<String> organization = visibleOrganization(caller, creditCode);
        if (organization.isEmpty() && !caller.readsAll()) {
            // an applicant asking for another organisation: nothing of it, not even whether it exists
            return new NotificationPage(List.of(), page, size, 0);
        }
        List<Criteria> filters = new ArrayList<>();
        organization.ifPresent(code -> filters.add(where("creditCode").is(code)));
        if (applicationId != null && !applicationId.isBlank()) {
            filters.add(where("applicationId").is(applicationId.strip()));
        }
        if (status != null) {
            filters.add(where("status").is(status.name()));
        }
        Criteria criteria = filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters);
        long total = mongo.count(Query.query(criteria), Notification.class);
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        query.fields().exclude("body", "outbox");
        List<NotificationView> items = mongo.find(query, Notification.class).stream()
                .map(n -> NotificationView.of(n, caller.actsFor(n.creditCode()))).toList();
        return new NotificationPage(items, page, size, total);
    }

    @Operation(summary = "One notification")
    @GetMapping("/{id}")
    NotificationView get(@PathVariable String id, Caller caller) {
        Notification n = mongo.findById(id, Notification.class);
        if (n == null || !caller.mayRead(n.creditCode())) {
            throw ApiException.notFound("notification.not-found");
        }
        return NotificationView.of(n, caller.actsFor(n.creditCode()));
    }

    @Operation(summary = "Send a notification again now (ADMIN): one more attempt, returns the record")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{id}/resend")
    NotificationView resend(@PathVariable String id, Caller caller) {
        return dispatcher.resend(id).map(n -> NotificationView.of(n, true))
                .orElseThrow(() -> ApiException.notFound("notification.not-found"));
    }

    /**
     * The organisation whose notifications the caller asks for and may see: an applicant's own (forced), empty for
     * another one; for reviewers and ADMIN the filter as given.
     */
    private static Optional<String> visibleOrganization(Caller caller, String creditCode) {
        String wanted = creditCode == null || creditCode.isBlank() ? null : creditCode.strip();
        if (caller.readsAll()) {
            return Optional.ofNullable(wanted);
        }
        if (!caller.has(Role.APPLICANT)) {
            throw ApiException.forbidden();
        }
        return caller.organization().filter(own -> wanted == null || own.equals(wanted));
    }

    record NotificationPage(List<NotificationView> items, int page, int size, long total) {
    }

    record NotificationView(
            String id,
            String creditCode,
            String applicationId,
            @Schema(description = "the organisation's contact, or reviewer-<hash> for a reviewer reminder")
            String contactId,
            String recipientName,
            String recipient,
            Channel channel,
            @Schema(description = "what caused it: an event type (tsbase.application.submitted.v1, "
                    + "tsbase.application.returned.v1, tsbase.application.status-changed.v1, tsbase.score.computed.v1 "
                    + "— mailed once the call's results are published), or reminder.application-draft / "
                    + "reminder.review-pending")
            String eventType,
            @Schema(description = "the causing event's id; for a reminder its key (REMINDER_DRAFT:<call>:<credit code>:"
                    + "<day>, REMINDER_REVIEW:<call>:<day>)")
            String eventId,
            String subject,
            NotificationStatus status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant sentAt,
            Instant nextAttemptAt) {

        static NotificationView of(Notification n, boolean full) {
            String recipient = full ? n.address()
                    : n.channel() == Channel.EMAIL ? Masking.email(n.address()) : Masking.phone(n.address());
            return new NotificationView(n.id(), n.creditCode(), n.applicationId(), n.contactId(),
                    full ? n.recipientName() : Masking.name(n.recipientName()), recipient, n.channel(),
                    n.eventType(), n.eventId(), n.subject(), n.status(), n.attempts(), n.lastError(), n.createdAt(),
                    n.lastAttemptAt(), n.sentAt(), n.status() == NotificationStatus.PENDING ? n.nextAttemptAt() : null);
        }
    }
}
